//! Client errors: the server's problem details, or transport failures.

use kehu_types::Problem;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The server answered with an error (RFC 9457 problem details).
    #[error("{} {}: {}", .status, .problem.code, .problem.detail)]
    Api { status: u16, problem: Box<Problem> },
    /// The request did not complete.
    #[error("request failed: {0}")]
    Http(#[from] reqwest::Error),
    /// The response body was not what the API promises.
    #[error("unexpected response: {0}")]
    Decode(String),
}

impl Error {
    pub(crate) async fn from_response(response: reqwest::Response) -> Self {
        let status = response.status().as_u16();
        let bytes = response.bytes().await.unwrap_or_default();
        let problem = serde_json::from_slice::<Problem>(&bytes).unwrap_or_else(|_| Problem {
            problem_type: "about:blank".into(),
            title: "Error".into(),
            status,
            code: "unknown".into(),
            detail: String::from_utf8_lossy(&bytes).chars().take(300).collect(),
            request_id: None,
            errors: Vec::new(),
            allowed: None,
        });
        Error::Api { status, problem: Box::new(problem) }
    }

    /// The HTTP status of an API error.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Api { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The stable problem code of an API error (`validation_failed`, `not_found`…).
    pub fn code(&self) -> Option<&str> {
        match self {
            Error::Api { problem, .. } => Some(problem.code.as_str()),
            _ => None,
        }
    }

    /// The problem details of an API error.
    pub fn problem(&self) -> Option<&Problem> {
        match self {
            Error::Api { problem, .. } => Some(problem),
            _ => None,
        }
    }
}
