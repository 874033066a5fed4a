//! The one error type of the client: every failure becomes one line on standard error and a
//! non-zero exit code.

use std::fmt;

/// Why a command failed.
#[derive(Debug)]
pub enum CliError {
	/// The node at the URL does not answer.
	Unreachable { url: String, reason: String },
	/// A call was dispatched and failed: the pallet's error, with its documentation.
	Dispatch { pallet: String, error: String, docs: String },
	/// The node refused the transaction before dispatch (bad nonce, too poor to pay the fee, …).
	Rejected(String),
	/// A file or argument is not what it should be (malformed key, capsule or ciphertext file).
	Input(String),
	/// The signing account cannot be loaded (bad secret URI, keystore file or password).
	Account(String),
	/// What the chain says does not allow the command (revoked policy, deadline passed, …).
	Chain(String),
	/// Reading or writing a file failed.
	Io { path: String, error: std::io::Error },
	/// Anything else the chain client reports.
	Client(String),
}

impl fmt::Display for CliError {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		match self {
			Self::Unreachable { url, reason } => write!(f, "node unreachable at {url}: {reason}"),
			Self::Dispatch { pallet, error, docs } if docs.is_empty() => {
				write!(f, "{pallet}.{error}")
			},
			Self::Dispatch { pallet, error, docs } => write!(f, "{pallet}.{error}: {docs}"),
			Self::Rejected(reason) => write!(f, "the node refused the transaction: {reason}"),
			Self::Input(message) | Self::Account(message) | Self::Chain(message) => {
				f.write_str(message)
			},
			Self::Io { path, error } => write!(f, "{path}: {error}"),
			Self::Client(message) => write!(f, "{message}"),
		}
	}
}

impl std::error::Error for CliError {}

impl CliError {
	/// An I/O error on `path`.
	pub fn io(path: &std::path::Path, error: std::io::Error) -> Self {
		Self::Io { path: path.display().to_string(), error }
	}

	/// The process's exit code for this error.
	pub fn exit_code(&self) -> u8 {
		match self {
			Self::Unreachable { .. } => 3,
			Self::Dispatch { .. } | Self::Rejected(_) | Self::Chain(_) => 4,
			Self::Input(_) | Self::Account(_) | Self::Io { .. } => 5,
			Self::Client(_) => 1,
		}
	}
}

/// subxt's errors of reading the chain are reported as they are.
macro_rules! client_errors {
	($($error:ty),*) => {$(
		impl From<$error> for CliError {
			fn from(error: $error) -> Self {
				Self::Client(error.to_string())
			}
		}
	)*};
}

client_errors!(
	subxt::Error,
	subxt::error::ConstantError,
	subxt::error::RuntimeApiError,
	subxt::error::StorageError,
	subxt::error::StorageValueError
);

/// A result of the client.
pub type Result<T> = std::result::Result<T, CliError>;
