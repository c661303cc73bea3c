//! Access tokens: HS256 only (the algorithm is pinned, `none` and RS/ES
//! confusion are refused), with `iss`, `aud` and `exp` checked on every request.

use chrono::Utc;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation, decode, encode};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

pub const ISSUER: &str = "kehu";
pub const AUDIENCE: &str = "kehu-api";

#[derive(Debug, Serialize, Deserialize)]
pub struct Claims {
    pub sub: Uuid,
    pub iss: String,
    pub aud: String,
    pub iat: i64,
    pub exp: i64,
}

#[derive(Clone)]
pub struct JwtKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
    pub ttl_secs: u64,
}

impl JwtKeys {
    pub fn new(secret: &[u8], ttl_secs: u64) -> Self {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[ISSUER]);
        validation.set_audience(&[AUDIENCE]);
        validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
        validation.leeway = 5;
        Self {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            validation,
            ttl_secs,
        }
    }

    pub fn issue(&self, user_id: Uuid) -> Result<String, jsonwebtoken::errors::Error> {
        let now = Utc::now().timestamp();
        let claims = Claims {
            sub: user_id,
            iss: ISSUER.into(),
            aud: AUDIENCE.into(),
            iat: now,
            exp: now + self.ttl_secs as i64,
        };
        encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
    }

    /// The user id of a valid token; `None` for anything else.
    pub fn verify(&self, token: &str) -> Option<Uuid> {
        decode::<Claims>(token, &self.decoding, &self.validation).ok().map(|data| data.claims.sub)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_round_trips_and_tampering_fails() {
        let keys = JwtKeys::new(b"0123456789abcdef0123456789abcdef", 60);
        let id = Uuid::now_v7();
        let token = keys.issue(id).unwrap_or_default();
        assert_eq!(keys.verify(&token), Some(id));
        let other = JwtKeys::new(b"another secret another secret!!!", 60);
        assert_eq!(other.verify(&token), None);
        let mut tampered = token.clone();
        tampered.push('x');
        assert_eq!(keys.verify(&tampered), None);
    }

    #[test]
    fn expired_and_unsigned_tokens_fail() {
        let keys = JwtKeys::new(b"0123456789abcdef0123456789abcdef", 0);
        let claims = Claims { sub: Uuid::nil(), iss: ISSUER.into(), aud: AUDIENCE.into(), iat: 0, exp: 1 };
        let expired = encode(&Header::new(Algorithm::HS256), &claims, &keys.encoding).unwrap_or_default();
        assert_eq!(keys.verify(&expired), None);
        // alg "none": header {"alg":"none"} and an empty signature.
        let none = "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiIwMDAwMDAwMC0wMDAwLTAwMDAtMDAwMC0wMDAwMDAwMDAwMDAiLCJpc3MiOiJrZWh1IiwiYXVkIjoia2VodS1hcGkiLCJleHAiOjQxMDI0NDQ4MDB9.";
        assert_eq!(keys.verify(none), None);
    }
}
