//! Enrico's encrypted files, streamed so that a large file never has to fit in memory.
//!
//! A random 32-byte file key is encrypted with Umbral under Alice's delegating key (the capsule
//! is what the chain's nodes re-encrypt for Bob), and the file is encrypted with that key by
//! XChaCha20-Poly1305 in the STREAM construction (`aead::stream`, 32-bit big-endian counter) in
//! chunks of [`CHUNK_LEN`] bytes, each chunk authenticated with the header as associated data:
//!
//! | bytes | what |
//! | --- | --- |
//! | 8 | [`MAGIC`] |
//! | 105 | the capsule, in umbral-pre's bytes |
//! | 1 + 72 | the length, then Umbral's ciphertext of the file key |
//! | 19 | the STREAM nonce prefix |
//! | … | the chunks, each [`CHUNK_LEN`] + 16 bytes, the last one shorter |
//!
//! Any Umbral implementation can recover the file key: Alice with `decrypt_original`, Bob with
//! `decrypt_reencrypted` and the capsule's fragments from the chain.

use std::io::{Read, Write};

use chacha20poly1305::{
	aead::{
		stream::{DecryptorBE32, EncryptorBE32},
		KeyInit, Payload,
	},
	XChaCha20Poly1305,
};
use nkms_primitives::{CapsuleBytes, CAPSULE_LEN};
use rand_core::{OsRng, RngCore};
use umbral_pre::{Capsule, PublicKey};

use crate::error::{CliError, Result};

/// The first bytes of an encrypted file.
pub const MAGIC: &[u8; 8] = b"NKMSENC1";
/// The plaintext bytes of a chunk.
pub const CHUNK_LEN: usize = 64 * 1024;
/// The authentication tag of a chunk.
const TAG_LEN: usize = 16;
/// The nonce prefix of XChaCha20-Poly1305's STREAM construction (24 − 5 bytes).
const NONCE_PREFIX_LEN: usize = 19;
/// The longest Umbral ciphertext of a file key this format takes.
const MAX_WRAPPED_KEY_LEN: usize = 255;

/// The header of an encrypted file.
pub struct Header {
	/// The capsule of the file key.
	pub capsule: CapsuleBytes,
	/// Umbral's ciphertext of the file key.
	pub wrapped_key: Vec<u8>,
	nonce_prefix: [u8; NONCE_PREFIX_LEN],
	bytes: Vec<u8>,
}

impl Header {
	/// The decoded capsule.
	pub fn umbral_capsule(&self) -> Result<Capsule> {
		self.capsule
			.to_umbral()
			.map_err(|error| malformed(&format!("its capsule: {error}")))
	}

	/// Reads a header from the start of `input`.
	pub fn read(input: &mut impl Read) -> Result<Self> {
		let mut fixed = [0u8; MAGIC.len() + CAPSULE_LEN + 1];
		read_exactly(input, &mut fixed, "the header")?;
		let (magic, rest) = fixed.split_at(MAGIC.len());
		if magic != MAGIC {
			return Err(malformed("it does not start with NKMSENC1"));
		}
		let (capsule, length) = rest.split_at(CAPSULE_LEN);
		let capsule = CapsuleBytes::try_from_bytes(capsule)
			.map_err(|error| malformed(&format!("its capsule: {error}")))?;
		let mut wrapped_key = vec![0u8; usize::from(length[0])];
		read_exactly(input, &mut wrapped_key, "the header")?;
		let mut nonce_prefix = [0u8; NONCE_PREFIX_LEN];
		read_exactly(input, &mut nonce_prefix, "the header")?;
		let bytes = [&fixed[..], &wrapped_key, &nonce_prefix].concat();
		Ok(Self { capsule, wrapped_key, nonce_prefix, bytes })
	}

	/// Decrypts the rest of `input` with the file key into `output`; returns the plaintext's
	/// length. Fails on any altered, truncated or extended chunk.
	pub fn decrypt(
		&self,
		file_key: &[u8],
		input: &mut impl Read,
		output: &mut impl Write,
	) -> Result<u64> {
		let cipher = XChaCha20Poly1305::new_from_slice(file_key)
			.map_err(|_| malformed("its file key has the wrong length"))?;
		let mut decryptor = DecryptorBE32::from_aead(cipher, (&self.nonce_prefix).into());
		let mut current = vec![0u8; CHUNK_LEN + TAG_LEN];
		let mut next = vec![0u8; CHUNK_LEN + TAG_LEN];
		let mut current_len = read_up_to(input, &mut current)?;
		let mut written = 0u64;
		loop {
			let next_len =
				if current_len == current.len() { read_up_to(input, &mut next)? } else { 0 };
			let payload = Payload { msg: &current[..current_len], aad: &self.bytes };
			if next_len == 0 {
				let plaintext = decryptor.decrypt_last(payload).map_err(|_| tampered())?;
				write_all(output, &plaintext)?;
				return Ok(written + plaintext.len() as u64);
			}
			let plaintext = decryptor.decrypt_next(payload).map_err(|_| tampered())?;
			write_all(output, &plaintext)?;
			written += plaintext.len() as u64;
			std::mem::swap(&mut current, &mut next);
			current_len = next_len;
		}
	}
}

/// Encrypts `input` for the holder of `delegating_key` into `output`; returns the capsule and
/// the plaintext's length.
pub fn encrypt(
	delegating_key: &PublicKey,
	input: &mut impl Read,
	output: &mut impl Write,
) -> Result<(CapsuleBytes, u64)> {
	let mut file_key = [0u8; 32];
	OsRng.fill_bytes(&mut file_key);
	let (capsule, wrapped_key) = umbral_pre::encrypt(delegating_key, &file_key)
		.map_err(|error| CliError::Input(format!("Umbral encryption failed: {error}")))?;
	let capsule = CapsuleBytes::from_umbral(&capsule)
		.map_err(|error| CliError::Input(format!("the capsule does not encode: {error}")))?;
	if wrapped_key.len() > MAX_WRAPPED_KEY_LEN {
		return Err(CliError::Input("Umbral's ciphertext of the file key is too long".into()));
	}
	let mut nonce_prefix = [0u8; NONCE_PREFIX_LEN];
	OsRng.fill_bytes(&mut nonce_prefix);
	let header =
		[&MAGIC[..], capsule.as_bytes(), &[wrapped_key.len() as u8], &wrapped_key, &nonce_prefix]
			.concat();
	write_all(output, &header)?;

	let cipher = XChaCha20Poly1305::new((&file_key).into());
	let mut encryptor = EncryptorBE32::from_aead(cipher, (&nonce_prefix).into());
	let mut current = vec![0u8; CHUNK_LEN];
	let mut next = vec![0u8; CHUNK_LEN];
	let mut current_len = read_up_to(input, &mut current)?;
	let mut total = 0u64;
	loop {
		let next_len = if current_len == CHUNK_LEN { read_up_to(input, &mut next)? } else { 0 };
		let payload = Payload { msg: &current[..current_len], aad: &header };
		total += current_len as u64;
		if next_len == 0 {
			let ciphertext = encryptor.encrypt_last(payload).map_err(|_| sealing_failed())?;
			write_all(output, &ciphertext)?;
			return Ok((capsule, total));
		}
		let ciphertext = encryptor.encrypt_next(payload).map_err(|_| sealing_failed())?;
		write_all(output, &ciphertext)?;
		std::mem::swap(&mut current, &mut next);
		current_len = next_len;
	}
}

fn malformed(what: &str) -> CliError {
	CliError::Input(format!("not an nkms encrypted file: {what}"))
}

fn tampered() -> CliError {
	CliError::Input("the encrypted file was altered, truncated or made with another key".into())
}

fn sealing_failed() -> CliError {
	CliError::Input("encrypting a chunk failed".into())
}

/// Fills `buf` from `input` unless it ends first; returns how much was read.
fn read_up_to(input: &mut impl Read, buf: &mut [u8]) -> Result<usize> {
	let mut filled = 0;
	while filled < buf.len() {
		match input.read(&mut buf[filled..]) {
			Ok(0) => break,
			Ok(n) => filled += n,
			Err(error) if error.kind() == std::io::ErrorKind::Interrupted => continue,
			Err(error) => return Err(CliError::Input(format!("reading the input: {error}"))),
		}
	}
	Ok(filled)
}

fn read_exactly(input: &mut impl Read, buf: &mut [u8], what: &str) -> Result<()> {
	if read_up_to(input, buf)? < buf.len() {
		return Err(malformed(&format!("{what} is truncated")));
	}
	Ok(())
}

fn write_all(output: &mut impl Write, bytes: &[u8]) -> Result<()> {
	output
		.write_all(bytes)
		.map_err(|error| CliError::Input(format!("writing the output: {error}")))
}

#[cfg(test)]
mod tests {
	use umbral_pre::SecretKey;

	use super::*;

	fn roundtrip(len: usize) {
		let alice = SecretKey::random();
		let plaintext: Vec<u8> = (0..len).map(|i| (i % 251) as u8).collect();
		let mut sealed = Vec::new();
		let (capsule, total) =
			encrypt(&alice.public_key(), &mut &plaintext[..], &mut sealed).unwrap();
		assert_eq!(total, len as u64);
		let expected_chunks = len.div_ceil(CHUNK_LEN).max(1);
		assert_eq!(sealed.len(), 8 + 105 + 1 + 72 + 19 + len + expected_chunks * TAG_LEN);

		let mut input = &sealed[..];
		let header = Header::read(&mut input).unwrap();
		assert_eq!(header.capsule, capsule);
		let file_key = umbral_pre::decrypt_original(
			&alice,
			&header.umbral_capsule().unwrap(),
			&header.wrapped_key,
		)
		.unwrap();
		let mut opened = Vec::new();
		assert_eq!(header.decrypt(&file_key, &mut input, &mut opened).unwrap(), len as u64);
		assert_eq!(opened, plaintext);
	}

	#[test]
	fn files_of_every_chunk_boundary_round_trip() {
		for len in [0, 1, CHUNK_LEN - 1, CHUNK_LEN, CHUNK_LEN + 1, 3 * CHUNK_LEN + 7] {
			roundtrip(len);
		}
	}

	#[test]
	fn altered_truncated_and_extended_files_are_refused() {
		let alice = SecretKey::random();
		let plaintext = vec![7u8; 2 * CHUNK_LEN + 5];
		let mut sealed = Vec::new();
		encrypt(&alice.public_key(), &mut &plaintext[..], &mut sealed).unwrap();
		let open = |bytes: &[u8]| -> Result<Vec<u8>> {
			let mut input = bytes;
			let header = Header::read(&mut input)?;
			let capsule = header.umbral_capsule()?;
			let key = umbral_pre::decrypt_original(&alice, &capsule, &header.wrapped_key)
				.map_err(|_| tampered())?;
			let mut out = Vec::new();
			header.decrypt(&key, &mut input, &mut out)?;
			Ok(out)
		};
		assert_eq!(open(&sealed).unwrap(), plaintext);
		let header_len = 8 + 105 + 1 + 72 + 19;
		let mut altered = sealed.clone();
		altered[header_len + 10] ^= 1;
		assert!(open(&altered).is_err());
		let mut altered_header = sealed.clone();
		altered_header[header_len - 1] ^= 1;
		assert!(open(&altered_header).is_err());
		// Whole chunks dropped or appended, and a cut inside a chunk.
		assert!(open(&sealed[..header_len + CHUNK_LEN + TAG_LEN]).is_err());
		assert!(open(&sealed[..sealed.len() - 3]).is_err());
		let mut extended = sealed.clone();
		extended.extend_from_slice(&[0u8; TAG_LEN]);
		assert!(open(&extended).is_err());
		assert!(open(b"NKMSENC1").is_err());
		assert!(open(&sealed[1..]).is_err());
	}
}
