//! Enrico encrypts a file for Alice's policies; Alice decrypts her own.

use std::fs::File;
use std::io::{BufReader, BufWriter, Write};
use std::path::Path;

use umbral_pre::PublicKey;

use crate::envelope::{self, Header};
use crate::error::{CliError, Result};
use crate::keys::{KeyDir, Role};
use crate::output::Report;
use crate::retrieve::write_atomically;

/// Encrypts `input` under `delegating_key` into `output`.
pub fn encrypt(delegating_key: &PublicKey, input: &Path, output: &Path) -> Result<Report> {
	let mut reader = BufReader::new(File::open(input).map_err(|error| CliError::io(input, error))?);
	let file = File::create(output).map_err(|error| CliError::io(output, error))?;
	let mut writer = BufWriter::new(file);
	let (capsule, bytes) = envelope::encrypt(delegating_key, &mut reader, &mut writer)?;
	writer.flush().map_err(|error| CliError::io(output, error))?;
	let capsule = crate::chain::hex0x(capsule.as_bytes());
	Ok(Report::new()
		.both(format!("encrypted {bytes} bytes into {}", output.display()), "bytes", bytes)
		.both(format!("capsule {capsule}"), "capsule", capsule)
		.field("output", output.display().to_string()))
}

/// Alice decrypts `input`, encrypted under her own delegating key, into `output`.
pub fn decrypt(keys: &KeyDir, input: &Path, output: &Path) -> Result<Report> {
	let delegating = keys.secret(Role::Delegating)?;
	let mut reader = BufReader::new(File::open(input).map_err(|error| CliError::io(input, error))?);
	let header = Header::read(&mut reader)?;
	let capsule = header.umbral_capsule()?;
	let file_key = umbral_pre::decrypt_original(&delegating, &capsule, &header.wrapped_key)
		.map_err(|_| {
			CliError::Input(format!(
				"{} was not encrypted under the delegating key in {}",
				input.display(),
				keys.path().display()
			))
		})?;
	let bytes = write_atomically(output, |out| header.decrypt(&file_key, &mut reader, out))?;
	Ok(Report::new()
		.both(format!("wrote {bytes} bytes to {}", output.display()), "bytes", bytes)
		.field("output", output.display().to_string()))
}
