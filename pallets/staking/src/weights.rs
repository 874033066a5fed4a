// This file is part of NKMS Chain. SPDX-License-Identifier: GPL-3.0-only

//! Weights of `pallet_nkms_staking`, measured by `nkms-node benchmark pallet` (64.0.0) on 2026-11-23.
//!
//! Steps 50, repeat 20, Wasm execution `Compiled`, machine
//! `vm` (AMD EPYC). Regenerate with `scripts/benchmark.sh`.

// Executed command:
// /var/tmp/nkms-target/release/nkms-node
// benchmark
// pallet
// --runtime
// /var/tmp/nkms-target/release/wbuild/nkms-runtime/nkms_runtime.compact.compressed.wasm
// --genesis-builder
// runtime
// --genesis-builder-preset
// development
// --pallet
// pallet_nkms_staking
// --extrinsic
// *
// --steps
// 50
// --repeat
// 20
// --template
// scripts/pallet-weights.hbs
// --header
// /tmp/tmp.h50jKw2iug
// --output
// pallets/staking/src/weights.rs

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]

use core::marker::PhantomData;
use frame_support::{traits::Get, weights::{RuntimeDbWeight, Weight}};

/// The weight of each call and each piece of session work of this pallet.
pub trait WeightInfo {
	/// `bond`.
	fn bond() -> Weight;
	/// `bond_extra`.
	fn bond_extra() -> Weight;
	/// `unbond`.
	fn unbond() -> Weight;
	/// `withdraw_unbonded`.
	fn withdraw_unbonded() -> Weight;
	/// `rebond`.
	fn rebond() -> Weight;
	/// `validate`.
	fn validate() -> Weight;
	/// `chill`.
	fn chill() -> Weight;
	/// `set_umbral_key`.
	fn set_umbral_key() -> Weight;
	/// `set_session_reward`.
	fn set_session_reward() -> Weight;
	/// `plan_session`, `c` in `[1, 256]`.
	fn plan_session(c: u32, ) -> Weight;
	/// `start_session`, `v` in `[1, 100]`.
	fn start_session(v: u32, ) -> Weight;
	/// `pay_session_reward`, `v` in `[1, 100]`.
	fn pay_session_reward(v: u32, ) -> Weight;
	/// `slash`.
	fn slash() -> Weight;
	/// `slash_elected`.
	fn slash_elected() -> Weight;
	/// `on_offence`.
	fn on_offence() -> Weight;
}

/// The measured weights, with database costs from `Db`.
pub struct MeasuredWeights<Db>(PhantomData<Db>);

/// The measured weights with the runtime's database costs.
pub type SubstrateWeight<T> = MeasuredWeights<<T as frame_system::Config>::DbWeight>;

impl<Db: Get<RuntimeDbWeight>> WeightInfo for MeasuredWeights<Db> {
	/// Storage: `Staking::Ledger` (r:1 w:1)
	/// Proof: `Staking::Ledger` (`max_values`: None, `max_size`: Some(705), added: 3180, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(85), added: 2560, mode: `MaxEncodedLen`)
	/// Storage: `Staking::Candidates` (r:1 w:1)
	/// Proof: `Staking::Candidates` (`max_values`: Some(1), `max_size`: Some(8194), added: 8689, mode: `MaxEncodedLen`)
	fn bond() -> Weight {
		// Proof size: measured `8706`, estimated `9679`.
		// Minimum execution time: 105_227_000 picoseconds.
		Weight::from_parts(189_976_000, 9679)
			.saturating_add(Db::get().reads(4))
			.saturating_add(Db::get().writes(4))
	}
	/// Storage: `Staking::Ledger` (r:1 w:1)
	/// Proof: `Staking::Ledger` (`max_values`: None, `max_size`: Some(705), added: 3180, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(85), added: 2560, mode: `MaxEncodedLen`)
	fn bond_extra() -> Weight {
		// Proof size: measured `630`, estimated `4170`.
		// Minimum execution time: 95_309_000 picoseconds.
		Weight::from_parts(170_941_000, 4170)
			.saturating_add(Db::get().reads(3))
			.saturating_add(Db::get().writes(3))
	}
	/// Storage: `Staking::Ledger` (r:1 w:1)
	/// Proof: `Staking::Ledger` (`max_values`: None, `max_size`: Some(705), added: 3180, mode: `MaxEncodedLen`)
	/// Storage: `Staking::Candidates` (r:1 w:1)
	/// Proof: `Staking::Candidates` (`max_values`: Some(1), `max_size`: Some(8194), added: 8689, mode: `MaxEncodedLen`)
	fn unbond() -> Weight {
		// Proof size: measured `9240`, estimated `9679`.
		// Minimum execution time: 51_838_000 picoseconds.
		Weight::from_parts(93_456_000, 9679)
			.saturating_add(Db::get().reads(2))
			.saturating_add(Db::get().writes(2))
	}
	/// Storage: `Staking::Ledger` (r:1 w:1)
	/// Proof: `Staking::Ledger` (`max_values`: None, `max_size`: Some(705), added: 3180, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(85), added: 2560, mode: `MaxEncodedLen`)
	/// Storage: `Staking::Candidates` (r:1 w:1)
	/// Proof: `Staking::Candidates` (`max_values`: Some(1), `max_size`: Some(8194), added: 8689, mode: `MaxEncodedLen`)
	/// Storage: `Staking::UmbralKeys` (r:1 w:1)
	/// Proof: `Staking::UmbralKeys` (`max_values`: None, `max_size`: Some(81), added: 2556, mode: `MaxEncodedLen`)
	/// Storage: `Staking::UmbralKeyOwners` (r:0 w:1)
	/// Proof: `Staking::UmbralKeyOwners` (`max_values`: None, `max_size`: Some(81), added: 2556, mode: `MaxEncodedLen`)
	fn withdraw_unbonded() -> Weight {
		// Proof size: measured `1403`, estimated `9679`.
		// Minimum execution time: 111_359_000 picoseconds.
		Weight::from_parts(198_653_000, 9679)
			.saturating_add(Db::get().reads(5))
			.saturating_add(Db::get().writes(6))
	}
	/// Storage: `Staking::Ledger` (r:1 w:1)
	/// Proof: `Staking::Ledger` (`max_values`: None, `max_size`: Some(705), added: 3180, mode: `MaxEncodedLen`)
	fn rebond() -> Weight {
		// Proof size: measured `1076`, estimated `4170`.
		// Minimum execution time: 32_762_000 picoseconds.
		Weight::from_parts(63_068_000, 4170)
			.saturating_add(Db::get().reads(1))
			.saturating_add(Db::get().writes(1))
	}
	/// Storage: `Staking::Ledger` (r:1 w:0)
	/// Proof: `Staking::Ledger` (`max_values`: None, `max_size`: Some(705), added: 3180, mode: `MaxEncodedLen`)
	/// Storage: `Staking::Candidates` (r:1 w:1)
	/// Proof: `Staking::Candidates` (`max_values`: Some(1), `max_size`: Some(8194), added: 8689, mode: `MaxEncodedLen`)
	fn validate() -> Weight {
		// Proof size: measured `8586`, estimated `9679`.
		// Minimum execution time: 38_081_000 picoseconds.
		Weight::from_parts(73_527_000, 9679)
			.saturating_add(Db::get().reads(2))
			.saturating_add(Db::get().writes(1))
	}
	/// Storage: `Staking::Ledger` (r:1 w:0)
	/// Proof: `Staking::Ledger` (`max_values`: None, `max_size`: Some(705), added: 3180, mode: `MaxEncodedLen`)
	/// Storage: `Staking::Candidates` (r:1 w:1)
	/// Proof: `Staking::Candidates` (`max_values`: Some(1), `max_size`: Some(8194), added: 8689, mode: `MaxEncodedLen`)
	fn chill() -> Weight {
		// Proof size: measured `8618`, estimated `9679`.
		// Minimum execution time: 36_078_000 picoseconds.
		Weight::from_parts(66_935_000, 9679)
			.saturating_add(Db::get().reads(2))
			.saturating_add(Db::get().writes(1))
	}
	/// Storage: `Staking::Ledger` (r:2 w:0)
	/// Proof: `Staking::Ledger` (`max_values`: None, `max_size`: Some(705), added: 3180, mode: `MaxEncodedLen`)
	/// Storage: `Session::KeyOwner` (r:1 w:0)
	/// Proof: `Session::KeyOwner` (`max_values`: None, `max_size`: None, mode: `Measured`)
	/// Storage: `Staking::UmbralKeyOwners` (r:1 w:2)
	/// Proof: `Staking::UmbralKeyOwners` (`max_values`: None, `max_size`: Some(81), added: 2556, mode: `MaxEncodedLen`)
	/// Storage: `Staking::UmbralKeys` (r:1 w:1)
	/// Proof: `Staking::UmbralKeys` (`max_values`: None, `max_size`: Some(81), added: 2556, mode: `MaxEncodedLen`)
	fn set_umbral_key() -> Weight {
		// Proof size: measured `889`, estimated `7350`.
		// Minimum execution time: 88_476_000 picoseconds.
		Weight::from_parts(141_395_000, 7350)
			.saturating_add(Db::get().reads(5))
			.saturating_add(Db::get().writes(3))
	}
	/// Storage: `Staking::SessionReward` (r:0 w:1)
	/// Proof: `Staking::SessionReward` (`max_values`: Some(1), `max_size`: Some(16), added: 511, mode: `MaxEncodedLen`)
	fn set_session_reward() -> Weight {
		// Proof size: measured `0`, estimated `0`.
		// Minimum execution time: 10_159_000 picoseconds.
		Weight::from_parts(20_578_000, 0)
			.saturating_add(Db::get().writes(1))
	}
	/// Storage: `Staking::Candidates` (r:1 w:0)
	/// Proof: `Staking::Candidates` (`max_values`: Some(1), `max_size`: Some(8194), added: 8689, mode: `MaxEncodedLen`)
	/// Storage: `Staking::Ledger` (r:256 w:0)
	/// Proof: `Staking::Ledger` (`max_values`: None, `max_size`: Some(705), added: 3180, mode: `MaxEncodedLen`)
	/// Storage: `Staking::UmbralKeys` (r:256 w:0)
	/// Proof: `Staking::UmbralKeys` (`max_values`: None, `max_size`: Some(81), added: 2556, mode: `MaxEncodedLen`)
	/// Storage: `Session::NextKeys` (r:256 w:0)
	/// Proof: `Session::NextKeys` (`max_values`: None, `max_size`: None, mode: `Measured`)
	/// Storage: `Staking::PlannedNodes` (r:1 w:1)
	/// Proof: `Staking::PlannedNodes` (`max_values`: Some(1), `max_size`: Some(4802), added: 5297, mode: `MaxEncodedLen`)
	fn plan_session(c: u32, ) -> Weight {
		// Proof size: measured `562 + c * 334`, estimated `9679 + c * 3180`.
		// Minimum execution time: 81_793_000 picoseconds.
		Weight::from_parts(175_899_533, 9679)
			.saturating_add(Weight::from_parts(26_452_078, 0).saturating_mul(c.into()))
			.saturating_add(Db::get().reads(2))
			.saturating_add(Db::get().reads((3_u64).saturating_mul(c.into())))
			.saturating_add(Db::get().writes(1))
			.saturating_add(Weight::from_parts(0, 3180).saturating_mul(c.into()))
	}
	/// Storage: `Staking::Ledger` (r:1 w:1)
	/// Proof: `Staking::Ledger` (`max_values`: None, `max_size`: Some(705), added: 3180, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(85), added: 2560, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:2 w:2)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Staking::SlashHistory` (r:1 w:1)
	/// Proof: `Staking::SlashHistory` (`max_values`: None, `max_size`: Some(1169), added: 3644, mode: `MaxEncodedLen`)
	/// Storage: `Staking::Candidates` (r:1 w:1)
	/// Proof: `Staking::Candidates` (`max_values`: Some(1), `max_size`: Some(8194), added: 8689, mode: `MaxEncodedLen`)
	fn slash() -> Weight {
		// Proof size: measured `10278`, estimated `9679`.
		// Minimum execution time: 113_192_000 picoseconds.
		Weight::from_parts(212_650_000, 9679)
			.saturating_add(Db::get().reads(6))
			.saturating_add(Db::get().writes(6))
	}
	fn start_session(v: u32, ) -> Weight {
		Weight::from_parts(0, 0).saturating_add(Db::get().reads_writes(v.into(), v.into()))
	}
	fn pay_session_reward(v: u32, ) -> Weight {
		Weight::from_parts(0, 0).saturating_add(Db::get().reads_writes(v.into(), v.into()))
	}
	fn slash_elected() -> Weight {
		Weight::from_parts(0, 0)
	}
	fn on_offence() -> Weight {
		Weight::from_parts(0, 0)
	}
}
