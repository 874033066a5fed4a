//! The account that signs: from a secret URI (`--suri` or `NKMS_SURI`: a mnemonic, a hex seed or
//! a dev URI like `//Alice`, with derivations and a password), or from a JSON keystore file as
//! polkadot.js exports it (`--keystore`, with `--password`, `NKMS_PASSWORD` or a prompt).

use std::path::Path;

use subxt_signer::{sr25519::Keypair, SecretUri};

use crate::chain::Account;
use crate::error::{CliError, Result};

/// Where the signing account comes from.
pub struct AccountSource<'a> {
	/// A secret URI.
	pub suri: Option<&'a str>,
	/// A polkadot.js JSON keystore file.
	pub keystore: Option<&'a Path>,
	/// The keystore's password.
	pub password: Option<&'a str>,
}

impl AccountSource<'_> {
	/// The signing key pair.
	pub fn keypair(&self) -> Result<Keypair> {
		match (self.suri, self.keystore) {
			(Some(_), Some(_)) => {
				Err(CliError::Account("give either --suri or --keystore, not both".into()))
			},
			(Some(suri), None) => {
				let uri: SecretUri = suri
					.parse()
					.map_err(|_| CliError::Account("the secret URI does not parse".into()))?;
				Keypair::from_uri(&uri).map_err(|error| {
					CliError::Account(format!("the secret URI gives no key: {error}"))
				})
			},
			(None, Some(path)) => {
				let json =
					std::fs::read_to_string(path).map_err(|error| CliError::io(path, error))?;
				let password = match self.password {
					Some(password) => password.to_string(),
					None => rpassword::prompt_password(format!("password of {}: ", path.display()))
						.map_err(|error| CliError::Account(format!("no password: {error}")))?,
				};
				subxt_signer::polkadot_js_compat::decrypt_json(&json, &password).map_err(|error| {
					match error {
						subxt_signer::polkadot_js_compat::Error::Secretbox(_) => {
							CliError::Account(format!("wrong password for {}", path.display()))
						},
						other => CliError::Account(format!("{}: {other}", path.display())),
					}
				})
			},
			(None, None) => Err(CliError::Account(
				"no signing account: give --suri (or NKMS_SURI) or --keystore".into(),
			)),
		}
	}

	/// The signing account's id.
	pub fn account(&self) -> Result<Account> {
		Ok(self.keypair()?.public_key().to_account_id())
	}
}
