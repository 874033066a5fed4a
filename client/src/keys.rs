//! The Umbral keys of a user, one secret per file in a key directory, readable by its owner
//! only: Alice's delegating key (data is encrypted under it) and signing key (it signs her key
//! fragments), and Bob's receiving key (fragments re-encrypt to it). A file holds, in hex, the
//! random seed of an umbral-pre `SecretKeyFactory`, and the key is the factory's key for the
//! role's label (umbral-pre reads no secret key from bytes).

use std::fs;
use std::io::Write;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use nkms_primitives::UmbralPublicKey;
use rand_core::{OsRng, RngCore};
use umbral_pre::{PublicKey, SecretKey, SecretKeyFactory};

use crate::error::{CliError, Result};

/// The three keys of a key directory.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
	/// Alice's: data for her policies is encrypted under its public key.
	Delegating,
	/// Alice's: signs her key fragments; its public key is the policy's verifying key.
	Signing,
	/// Bob's: capsule fragments re-encrypt to its public key.
	Receiving,
}

impl Role {
	/// Every role, in the order they are shown.
	pub const ALL: [Role; 3] = [Role::Delegating, Role::Signing, Role::Receiving];

	/// The role's name, as shown.
	pub fn name(self) -> &'static str {
		match self {
			Self::Delegating => "delegating",
			Self::Signing => "signing",
			Self::Receiving => "receiving",
		}
	}

	/// What its public key is called on chain.
	pub fn public_name(self) -> &'static str {
		match self {
			Self::Delegating => "delegating",
			Self::Signing => "verifying",
			Self::Receiving => "receiving",
		}
	}

	/// The label its key is derived under.
	fn label(self) -> &'static [u8] {
		match self {
			Self::Delegating => b"nkms/delegating",
			Self::Signing => b"nkms/signing",
			Self::Receiving => b"nkms/receiving",
		}
	}

	fn file(self) -> &'static str {
		match self {
			Self::Delegating => "delegating.key",
			Self::Signing => "signing.key",
			Self::Receiving => "receiving.key",
		}
	}
}

/// A key directory.
pub struct KeyDir {
	path: PathBuf,
}

impl KeyDir {
	/// The key directory at `path` (it need not exist yet).
	pub fn new(path: PathBuf) -> Self {
		Self { path }
	}

	/// Its path.
	pub fn path(&self) -> &Path {
		&self.path
	}

	/// Makes a new secret for each role and writes it, with permissions 0600 in a directory
	/// of permissions 0700; refuses to overwrite a key unless `overwrite`.
	pub fn generate(&self, overwrite: bool) -> Result<()> {
		if !overwrite {
			if let Some(role) = Role::ALL.into_iter().find(|role| self.file(*role).exists()) {
				return Err(CliError::Input(format!(
					"{} exists: keep it, or pass --force to replace every key (data encrypted or granted under the old keys is then lost)",
					self.file(role).display()
				)));
			}
		}
		fs::create_dir_all(&self.path).map_err(|error| CliError::io(&self.path, error))?;
		fs::set_permissions(&self.path, fs::Permissions::from_mode(0o700))
			.map_err(|error| CliError::io(&self.path, error))?;
		for role in Role::ALL {
			let path = self.file(role);
			let mut seed = vec![0u8; SecretKeyFactory::seed_size()];
			OsRng.fill_bytes(&mut seed);
			let hex = hex::encode(&seed);
			let mut file = fs::OpenOptions::new()
				.write(true)
				.create(true)
				.truncate(true)
				.mode(0o600)
				.open(&path)
				.map_err(|error| CliError::io(&path, error))?;
			fs::set_permissions(&path, fs::Permissions::from_mode(0o600))
				.map_err(|error| CliError::io(&path, error))?;
			writeln!(file, "{hex}").map_err(|error| CliError::io(&path, error))?;
		}
		Ok(())
	}

	/// The secret of `role`.
	pub fn secret(&self, role: Role) -> Result<SecretKey> {
		let path = self.file(role);
		let text = fs::read_to_string(&path).map_err(|error| match error.kind() {
			std::io::ErrorKind::NotFound => CliError::Input(format!(
				"no {} key in {}: run `nkms keys generate` first",
				role.name(),
				self.path.display()
			)),
			_ => CliError::io(&path, error),
		})?;
		let seed = hex::decode(text.trim())
			.map_err(|_| CliError::Input(format!("{}: not a hex key seed", path.display())))?;
		let factory = SecretKeyFactory::from_secure_randomness(&seed).map_err(|_| {
			CliError::Input(format!(
				"{}: not an Umbral key seed ({} bytes)",
				path.display(),
				SecretKeyFactory::seed_size()
			))
		})?;
		Ok(factory.make_key(role.label()))
	}

	/// The public key of `role`.
	pub fn public(&self, role: Role) -> Result<PublicKey> {
		Ok(self.secret(role)?.public_key())
	}

	fn file(&self, role: Role) -> PathBuf {
		self.path.join(role.file())
	}
}

/// An Umbral public key as the chain and polkadot.js show it: 0x and its 33 compressed bytes.
pub fn public_hex(key: &PublicKey) -> String {
	format!("0x{}", hex::encode(key.to_compressed_bytes()))
}

/// Parses an Umbral public key given as 0x-hex of its 33 compressed bytes.
pub fn parse_public(text: &str, what: &str) -> Result<PublicKey> {
	let bytes =
		parse_hex(text).ok_or_else(|| CliError::Input(format!("{what}: not hex: {text}")))?;
	PublicKey::try_from_compressed_bytes(&bytes).map_err(|_| {
		CliError::Input(format!("{what}: not an Umbral public key (33 bytes, compressed)"))
	})
}

/// An Umbral public key in the chain's type.
pub fn on_chain(key: &PublicKey) -> Result<UmbralPublicKey> {
	UmbralPublicKey::from_umbral(key).map_err(|error| CliError::Input(error.to_string()))
}

/// Bytes from hex with or without `0x`.
pub fn parse_hex(text: &str) -> Option<Vec<u8>> {
	hex::decode(text.trim().strip_prefix("0x").unwrap_or(text.trim())).ok()
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn keys_are_written_for_their_owner_only_and_read_back() {
		let dir = tempfile::tempdir().unwrap();
		let keys = KeyDir::new(dir.path().join("keys"));
		keys.generate(false).unwrap();
		let mode = |path: &Path| fs::metadata(path).unwrap().permissions().mode() & 0o777;
		assert_eq!(mode(keys.path()), 0o700);
		let publics: Vec<_> = Role::ALL.iter().map(|role| keys.public(*role).unwrap()).collect();
		for role in Role::ALL {
			assert_eq!(mode(&keys.file(role)), 0o600);
		}
		assert_ne!(publics[0], publics[2]);
		// Not overwritten unless asked.
		assert!(matches!(keys.generate(false), Err(CliError::Input(_))));
		assert_eq!(keys.public(Role::Delegating).unwrap(), publics[0]);
		keys.generate(true).unwrap();
		assert_ne!(keys.public(Role::Delegating).unwrap(), publics[0]);
	}

	#[test]
	fn malformed_keys_are_refused() {
		let dir = tempfile::tempdir().unwrap();
		let keys = KeyDir::new(dir.path().to_path_buf());
		assert!(
			matches!(keys.secret(Role::Receiving), Err(CliError::Input(m)) if m.contains("keys generate"))
		);
		fs::write(keys.file(Role::Receiving), "zz").unwrap();
		assert!(
			matches!(keys.secret(Role::Receiving), Err(CliError::Input(m)) if m.contains("not a hex"))
		);
		fs::write(keys.file(Role::Receiving), "00".repeat(31)).unwrap();
		assert!(
			matches!(keys.secret(Role::Receiving), Err(CliError::Input(m)) if m.contains("not an Umbral"))
		);
		assert!(parse_public("0x02", "Bob's key").is_err());
		let key = SecretKey::random().public_key();
		assert_eq!(parse_public(&public_hex(&key), "Bob's key").unwrap(), key);
	}
}
