//! Umbral public keys as their compressed SEC1 bytes.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use umbral_pre::PublicKey;

use crate::error::UmbralError;

/// The size of a compressed secp256k1 point.
pub const PUBLIC_KEY_LEN: usize = 33;

/// An Umbral [`PublicKey`] as its 33-byte compressed SEC1 point: what umbral-pre's
/// `PublicKey::to_compressed_bytes` returns and NuCypher's packages call the key's bytes.
#[derive(
	Clone,
	Copy,
	Debug,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Hash,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub struct UmbralPublicKey(pub [u8; PUBLIC_KEY_LEN]);

impl UmbralPublicKey {
	/// Takes exactly [`PUBLIC_KEY_LEN`] bytes; the point is checked by [`Self::to_umbral`].
	pub fn try_from_bytes(bytes: &[u8]) -> Result<Self, UmbralError> {
		match <[u8; PUBLIC_KEY_LEN]>::try_from(bytes) {
			Ok(array) => Ok(Self(array)),
			Err(_) if bytes.len() > PUBLIC_KEY_LEN => Err(UmbralError::TooLong),
			Err(_) => Err(UmbralError::Truncated),
		}
	}

	/// The compressed bytes of `pk`.
	pub fn from_umbral(pk: &PublicKey) -> Result<Self, UmbralError> {
		Self::try_from_bytes(&pk.to_compressed_bytes()).map_err(|_| UmbralError::EncodingFailed)
	}

	/// Decompresses the point: fails with [`UmbralError::InvalidPoint`] unless it is a point
	/// of the curve in compressed form (tag `0x02` or `0x03`; umbral-pre alone would also
	/// take the "compact" tag `0x05`).
	pub fn to_umbral(&self) -> Result<PublicKey, UmbralError> {
		match self.0 {
			[0x02 | 0x03, ..] => {
				PublicKey::try_from_compressed_bytes(&self.0).map_err(|_| UmbralError::InvalidPoint)
			},
			_ => Err(UmbralError::InvalidPoint),
		}
	}

	/// The raw bytes.
	pub fn as_bytes(&self) -> &[u8; PUBLIC_KEY_LEN] {
		&self.0
	}
}

impl TryFrom<&[u8]> for UmbralPublicKey {
	type Error = UmbralError;

	fn try_from(bytes: &[u8]) -> Result<Self, UmbralError> {
		Self::try_from_bytes(bytes)
	}
}

impl From<[u8; PUBLIC_KEY_LEN]> for UmbralPublicKey {
	fn from(bytes: [u8; PUBLIC_KEY_LEN]) -> Self {
		Self(bytes)
	}
}

impl AsRef<[u8]> for UmbralPublicKey {
	fn as_ref(&self) -> &[u8] {
		&self.0
	}
}

/// In JSON (chain specs, genesis presets) a key is the `0x`-prefixed hex of its 33 bytes.
impl serde::Serialize for UmbralPublicKey {
	fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
		let digit = |n: u8| char::from(if n < 10 { b'0' + n } else { b'a' + n - 10 });
		let mut text = alloc::string::String::with_capacity(2 + 2 * PUBLIC_KEY_LEN);
		text.push_str("0x");
		for byte in self.0 {
			text.push(digit(byte >> 4));
			text.push(digit(byte & 0x0f));
		}
		serializer.serialize_str(&text)
	}
}

impl<'de> serde::Deserialize<'de> for UmbralPublicKey {
	fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
		struct HexKey;

		impl serde::de::Visitor<'_> for HexKey {
			type Value = UmbralPublicKey;

			fn expecting(&self, f: &mut core::fmt::Formatter) -> core::fmt::Result {
				f.write_str("the 0x-prefixed hex of a 33-byte compressed point")
			}

			fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<UmbralPublicKey, E> {
				let digits = text.strip_prefix("0x").unwrap_or(text).as_bytes();
				if digits.len() != 2 * PUBLIC_KEY_LEN {
					return Err(E::invalid_length(digits.len() / 2, &self));
				}
				let nibble = |digit: u8| match digit {
					b'0'..=b'9' => Ok(digit - b'0'),
					b'a'..=b'f' => Ok(digit - b'a' + 10),
					b'A'..=b'F' => Ok(digit - b'A' + 10),
					_ => Err(E::invalid_value(serde::de::Unexpected::Str(text), &self)),
				};
				let mut key = [0u8; PUBLIC_KEY_LEN];
				for (byte, pair) in key.iter_mut().zip(digits.chunks_exact(2)) {
					if let [high, low] = pair {
						*byte = nibble(*high)? << 4 | nibble(*low)?;
					}
				}
				Ok(UmbralPublicKey(key))
			}
		}

		deserializer.deserialize_str(HexKey)
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn json_is_prefixed_hex_both_ways() {
		let key =
			UmbralPublicKey::from_umbral(&umbral_pre::SecretKey::random().public_key()).unwrap();
		let json = serde_json::to_string(&key).unwrap();
		assert_eq!(json.len(), 2 + 2 + 66);
		assert!(json.starts_with("\"0x0"));
		assert_eq!(serde_json::from_str::<UmbralPublicKey>(&json).unwrap(), key);
		assert_eq!(
			serde_json::from_str::<UmbralPublicKey>(&json.to_uppercase().replace("0X", "0x"))
				.unwrap(),
			key
		);
		for bad in ["\"0x02\"", "\"zz\"", "12", &json.replace("0x0", "0xg")] {
			assert!(serde_json::from_str::<UmbralPublicKey>(bad).is_err(), "{bad}");
		}
	}
}
