//! Password hashing with argon2id (default parameters), off the async threads.
//!
//! The hash is computed in working memory this module provides rather than
//! argon2's own, because of how glibc's allocator treats a 19 MB block freed by
//! a worker thread: after the first such block, it serves the next ones from
//! that thread's arena and keeps them there, so every blocking thread that ever
//! checked a password held 19 MB for good. See [`working_memory`].

use argon2::password_hash::phc::{Output, ParamsString, PasswordHash, Salt};
use argon2::{Algorithm, Argon2, Block, Params, Version};

use tokio::sync::Semaphore;

use crate::http::error::ApiError;

/// Salt length in bytes, as argon2's own hasher uses.
const SALT_LEN: usize = 16;

pub async fn hash(password: String) -> Result<String, ApiError> {
    off_the_async_threads(move || hash_now(password.as_bytes()))
        .await
        .ok_or_else(|| ApiError::internal("the password hashing task failed"))?
        .map_err(ApiError::internal)
}

/// Whether `password` matches `stored`. A malformed stored hash never matches.
pub async fn verify(password: String, stored: String) -> bool {
    off_the_async_threads(move || verify_now(password.as_bytes(), &stored)).await.unwrap_or(false)
}

/// Runs one hash on a blocking thread, at most one per core at a time: each
/// takes a core for tens of milliseconds and 19 MB, so a burst of sign-ins
/// queues here instead of taking the memory and processors every other
/// request needs.
async fn off_the_async_threads<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Option<T> {
    static SLOTS: std::sync::OnceLock<Semaphore> = std::sync::OnceLock::new();
    let slots =
        SLOTS.get_or_init(|| Semaphore::new(std::thread::available_parallelism().map_or(2, |cores| cores.get())));
    let _slot = slots.acquire().await.ok()?;
    tokio::task::spawn_blocking(work).await.ok()
}

/// A hash that no password matches, verified against when the account does not
/// exist so that a login takes as long either way (no user enumeration by timing).
pub fn decoy_hash() -> String {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY
        .get_or_init(|| {
            let mut bytes = [0u8; 32];
            rand::RngCore::fill_bytes(&mut rand::rng(), &mut bytes);
            hash_now(&bytes).unwrap_or_default()
        })
        .clone()
}

/// A PHC string (`$argon2id$v=19$m=…,t=…,p=…$salt$hash`) for `password`.
fn hash_now(password: &[u8]) -> Result<String, String> {
    let argon2 = Argon2::default();
    let mut salt = [0u8; SALT_LEN];
    rand::RngCore::fill_bytes(&mut rand::rng(), &mut salt);
    let mut output = [0u8; Params::DEFAULT_OUTPUT_LEN];
    argon2
        .hash_password_into_with_memory(password, &salt, &mut output, working_memory(argon2.params()))
        .map_err(|error| error.to_string())?;
    let phc = PasswordHash {
        algorithm: Algorithm::default().ident(),
        version: Some(Version::default().into()),
        params: ParamsString::try_from(argon2.params()).map_err(|error| error.to_string())?,
        salt: Some(Salt::new(&salt).map_err(|error| error.to_string())?),
        hash: Some(Output::new(&output).map_err(|error| error.to_string())?),
    };
    Ok(phc.to_string())
}

/// Recomputes the hash with the algorithm, version, parameters and salt that
/// `stored` names, and compares the outputs in constant time.
fn verify_now(password: &[u8], stored: &str) -> bool {
    let Ok(phc) = PasswordHash::new(stored) else { return false };
    let (Some(salt), Some(expected)) = (&phc.salt, &phc.hash) else { return false };
    let Ok(algorithm) = Algorithm::try_from(phc.algorithm.as_str()) else { return false };
    let Ok(version) = phc.version.map(Version::try_from).transpose() else { return false };
    let Ok(params) = Params::try_from(&phc) else { return false };
    let mut output = vec![0u8; expected.len()];
    let argon2 = Argon2::new(algorithm, version.unwrap_or_default(), params);
    if argon2.hash_password_into_with_memory(password, salt, &mut output, working_memory(argon2.params())).is_err() {
        return false;
    }
    // `Output`'s equality is constant-time.
    Output::new(&output).is_ok_and(|computed| &computed == expected)
}

/// Argon2's working memory, allocated so that freeing it returns it to the
/// system. glibc maps a large block on its own and unmaps it when freed, but it
/// then raises that threshold to the freed size, so the next block of the same
/// size comes from the calling thread's arena and stays there. Blocks above
/// 32 MiB (glibc's highest threshold) are always mapped on their own, so the
/// vector reserves that much; only the part argon2 writes is ever touched, so
/// resident memory is the 19 MB the parameters ask for, and only while hashing.
fn working_memory(params: &Params) -> Vec<Block> {
    const ALWAYS_MAPPED_BYTES: usize = 32 * 1024 * 1024 + 4096;
    let blocks = params.block_count();
    let mut memory = Vec::with_capacity(blocks.max(ALWAYS_MAPPED_BYTES.div_ceil(Block::SIZE)));
    memory.resize(blocks, Block::new());
    memory
}

#[cfg(test)]
mod tests {
    use super::*;
    use argon2::password_hash::{PasswordHasher, PasswordVerifier};

    #[test]
    fn a_hash_verifies_its_password_only() {
        let stored = hash_now(b"correct horse").unwrap_or_default();
        assert!(stored.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{stored}");
        assert!(verify_now(b"correct horse", &stored));
        assert!(!verify_now(b"correct horsf", &stored));
        assert!(!verify_now(b"", &stored));
    }

    #[test]
    fn hashes_stay_interchangeable_with_argon2s_own() {
        // Passwords stored before this module computed hashes itself still verify,
        // and its hashes verify with the library's verifier.
        let library = Argon2::default().hash_password(b"s3cret").map(|hash| hash.to_string()).unwrap_or_default();
        assert!(verify_now(b"s3cret", &library));
        assert!(!verify_now(b"s3cre", &library));
        let ours = hash_now(b"s3cret").unwrap_or_default();
        assert!(Argon2::default().verify_password(b"s3cret", ours.as_str()).is_ok());
    }

    #[test]
    fn malformed_or_foreign_hashes_never_match() {
        for stored in [
            "",
            "plain",
            "$argon2id$v=19$m=19456,t=2,p=1$",
            "$scrypt$ln=4,r=8,p=1$c2FsdHNhbHQ$aGFzaA",
            "$argon2id$v=99$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA",
        ] {
            assert!(!verify_now(b"", stored), "{stored}");
        }
    }
}
