// This file is part of NKMS Chain. SPDX-License-Identifier: GPL-3.0-only

//! Weights of `pallet_nkms_staking`, measured by `nkms-node benchmark pallet` (64.0.0) on 2026-12-03.
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
// /tmp/tmp.WhqroIMWTi
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
	/// `check_key_change`.
	fn check_key_change() -> Weight;
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
	/// Proof: `Staking::Ledger` (`max_values`: None, `max_size`: Some(706), added: 3181, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(139), added: 2614, mode: `MaxEncodedLen`)
	/// Storage: `Staking::Candidates` (r:1 w:1)
	/// Proof: `Staking::Candidates` (`max_values`: Some(1), `max_size`: Some(12290), added: 12785, mode: `MaxEncodedLen`)
	fn bond() -> Weight {
		// Proof size: measured `15038`, estimated `13775`.
		// Minimum execution time: 127_269_000 picoseconds.
		Weight::from_parts(141_059_000, 13775)
			.saturating_add(Db::get().reads(4))
			.saturating_add(Db::get().writes(4))
	}
	/// Storage: `Staking::Ledger` (r:1 w:1)
	/// Proof: `Staking::Ledger` (`max_values`: None, `max_size`: Some(706), added: 3181, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(139), added: 2614, mode: `MaxEncodedLen`)
	/// Storage: `Staking::Candidates` (r:1 w:1)
	/// Proof: `Staking::Candidates` (`max_values`: Some(1), `max_size`: Some(12290), added: 12785, mode: `MaxEncodedLen`)
	fn bond_extra() -> Weight {
		// Proof size: measured `15181`, estimated `13775`.
		// Minimum execution time: 137_164_000 picoseconds.
		Weight::from_parts(150_884_000, 13775)
			.saturating_add(Db::get().reads(4))
			.saturating_add(Db::get().writes(4))
	}
	/// Storage: `Staking::Ledger` (r:1 w:1)
	/// Proof: `Staking::Ledger` (`max_values`: None, `max_size`: Some(706), added: 3181, mode: `MaxEncodedLen`)
	/// Storage: `Policy::NodePolicies` (r:1 w:0)
	/// Proof: `Policy::NodePolicies` (`max_values`: None, `max_size`: Some(9266), added: 11741, mode: `MaxEncodedLen`)
	/// Storage: `Staking::Candidates` (r:1 w:1)
	/// Proof: `Staking::Candidates` (`max_values`: Some(1), `max_size`: Some(12290), added: 12785, mode: `MaxEncodedLen`)
	fn unbond() -> Weight {
		// Proof size: measured `23564`, estimated `13775`.
		// Minimum execution time: 80_530_000 picoseconds.
		Weight::from_parts(88_341_000, 13775)
			.saturating_add(Db::get().reads(3))
			.saturating_add(Db::get().writes(2))
	}
	/// Storage: `Staking::Ledger` (r:1 w:1)
	/// Proof: `Staking::Ledger` (`max_values`: None, `max_size`: Some(706), added: 3181, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:2 w:2)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(139), added: 2614, mode: `MaxEncodedLen`)
	/// Storage: `Staking::ActiveStake` (r:1 w:0)
	/// Proof: `Staking::ActiveStake` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `Staking::PlannedNodes` (r:1 w:0)
	/// Proof: `Staking::PlannedNodes` (`max_values`: Some(1), `max_size`: Some(4802), added: 5297, mode: `MaxEncodedLen`)
	/// Storage: `Staking::UmbralKeys` (r:1 w:1)
	/// Proof: `Staking::UmbralKeys` (`max_values`: None, `max_size`: Some(81), added: 2556, mode: `MaxEncodedLen`)
	/// Storage: `Staking::NodeKeyAccounts` (r:1 w:1)
	/// Proof: `Staking::NodeKeyAccounts` (`max_values`: None, `max_size`: Some(80), added: 2555, mode: `MaxEncodedLen`)
	/// Storage: `Staking::UmbralKeyOwners` (r:0 w:1)
	/// Proof: `Staking::UmbralKeyOwners` (`max_values`: None, `max_size`: Some(81), added: 2556, mode: `MaxEncodedLen`)
	/// Storage: `Staking::UmbralKeyChanges` (r:0 w:1)
	/// Proof: `Staking::UmbralKeyChanges` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `Staking::SlashHistory` (r:0 w:1)
	/// Proof: `Staking::SlashHistory` (`max_values`: None, `max_size`: Some(1169), added: 3644, mode: `MaxEncodedLen`)
	fn withdraw_unbonded() -> Weight {
		// Proof size: measured `9597`, estimated `6287`.
		// Minimum execution time: 144_595_000 picoseconds.
		Weight::from_parts(154_540_000, 6287)
			.saturating_add(Db::get().reads(8))
			.saturating_add(Db::get().writes(9))
	}
	/// Storage: `Staking::Ledger` (r:1 w:1)
	/// Proof: `Staking::Ledger` (`max_values`: None, `max_size`: Some(706), added: 3181, mode: `MaxEncodedLen`)
	/// Storage: `Staking::Candidates` (r:1 w:1)
	/// Proof: `Staking::Candidates` (`max_values`: Some(1), `max_size`: Some(12290), added: 12785, mode: `MaxEncodedLen`)
	fn rebond() -> Weight {
		// Proof size: measured `14251`, estimated `13775`.
		// Minimum execution time: 71_276_000 picoseconds.
		Weight::from_parts(83_283_000, 13775)
			.saturating_add(Db::get().reads(2))
			.saturating_add(Db::get().writes(2))
	}
	/// Storage: `Staking::Ledger` (r:1 w:1)
	/// Proof: `Staking::Ledger` (`max_values`: None, `max_size`: Some(706), added: 3181, mode: `MaxEncodedLen`)
	/// Storage: `Staking::Candidates` (r:1 w:1)
	/// Proof: `Staking::Candidates` (`max_values`: Some(1), `max_size`: Some(12290), added: 12785, mode: `MaxEncodedLen`)
	/// Storage: `Session::NextKeys` (r:1 w:0)
	/// Proof: `Session::NextKeys` (`max_values`: None, `max_size`: None, mode: `Measured`)
	/// Storage: `Staking::NodeKeyAccounts` (r:1 w:1)
	/// Proof: `Staking::NodeKeyAccounts` (`max_values`: None, `max_size`: Some(80), added: 2555, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	fn validate() -> Weight {
		// Proof size: measured `16187`, estimated `19652`.
		// Minimum execution time: 102_832_000 picoseconds.
		Weight::from_parts(123_874_000, 19652)
			.saturating_add(Db::get().reads(5))
			.saturating_add(Db::get().writes(4))
	}
	/// Storage: `Staking::Ledger` (r:1 w:1)
	/// Proof: `Staking::Ledger` (`max_values`: None, `max_size`: Some(706), added: 3181, mode: `MaxEncodedLen`)
	/// Storage: `Staking::Candidates` (r:1 w:1)
	/// Proof: `Staking::Candidates` (`max_values`: Some(1), `max_size`: Some(12290), added: 12785, mode: `MaxEncodedLen`)
	fn chill() -> Weight {
		// Proof size: measured `13609`, estimated `13775`.
		// Minimum execution time: 59_798_000 picoseconds.
		Weight::from_parts(69_723_000, 13775)
			.saturating_add(Db::get().reads(2))
			.saturating_add(Db::get().writes(2))
	}
	/// Storage: `Staking::Ledger` (r:2 w:0)
	/// Proof: `Staking::Ledger` (`max_values`: None, `max_size`: Some(706), added: 3181, mode: `MaxEncodedLen`)
	/// Storage: `Session::KeyOwner` (r:1 w:0)
	/// Proof: `Session::KeyOwner` (`max_values`: None, `max_size`: None, mode: `Measured`)
	/// Storage: `System::BlockHash` (r:1 w:0)
	/// Proof: `System::BlockHash` (`max_values`: None, `max_size`: Some(44), added: 2519, mode: `MaxEncodedLen`)
	/// Storage: `Staking::UmbralKeyOwners` (r:1 w:2)
	/// Proof: `Staking::UmbralKeyOwners` (`max_values`: None, `max_size`: Some(81), added: 2556, mode: `MaxEncodedLen`)
	/// Storage: `Staking::UmbralKeys` (r:1 w:1)
	/// Proof: `Staking::UmbralKeys` (`max_values`: None, `max_size`: Some(81), added: 2556, mode: `MaxEncodedLen`)
	/// Storage: `Staking::CurrentSession` (r:1 w:0)
	/// Proof: `Staking::CurrentSession` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Staking::UmbralKeyChanges` (r:0 w:1)
	/// Proof: `Staking::UmbralKeyChanges` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	fn set_umbral_key() -> Weight {
		// Proof size: measured `1016`, estimated `7352`.
		// Minimum execution time: 154_650_000 picoseconds.
		Weight::from_parts(160_188_000, 7352)
			.saturating_add(Db::get().reads(7))
			.saturating_add(Db::get().writes(4))
	}
	/// Storage: `Staking::Ledger` (r:2 w:0)
	/// Proof: `Staking::Ledger` (`max_values`: None, `max_size`: Some(706), added: 3181, mode: `MaxEncodedLen`)
	/// Storage: `Session::KeyOwner` (r:1 w:0)
	/// Proof: `Session::KeyOwner` (`max_values`: None, `max_size`: None, mode: `Measured`)
	/// Storage: `Staking::UmbralKeyChanges` (r:1 w:0)
	/// Proof: `Staking::UmbralKeyChanges` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `Staking::CurrentSession` (r:1 w:0)
	/// Proof: `Staking::CurrentSession` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Staking::UmbralKeys` (r:1 w:0)
	/// Proof: `Staking::UmbralKeys` (`max_values`: None, `max_size`: Some(81), added: 2556, mode: `MaxEncodedLen`)
	/// Storage: `Staking::UmbralKeyOwners` (r:1 w:0)
	/// Proof: `Staking::UmbralKeyOwners` (`max_values`: None, `max_size`: Some(81), added: 2556, mode: `MaxEncodedLen`)
	/// Storage: `System::BlockHash` (r:1 w:0)
	/// Proof: `System::BlockHash` (`max_values`: None, `max_size`: Some(44), added: 2519, mode: `MaxEncodedLen`)
	fn check_key_change() -> Weight {
		// Proof size: measured `1035`, estimated `7352`.
		// Minimum execution time: 119_928_000 picoseconds.
		Weight::from_parts(124_124_000, 7352)
			.saturating_add(Db::get().reads(8))
	}
	/// Storage: `Staking::SessionReward` (r:0 w:1)
	/// Proof: `Staking::SessionReward` (`max_values`: Some(1), `max_size`: Some(16), added: 511, mode: `MaxEncodedLen`)
	fn set_session_reward() -> Weight {
		// Proof size: measured `0`, estimated `0`.
		// Minimum execution time: 5_348_000 picoseconds.
		Weight::from_parts(5_969_000, 0)
			.saturating_add(Db::get().writes(1))
	}
	/// Storage: `Staking::OffenceSlashes` (r:100 w:100)
	/// Proof: `Staking::OffenceSlashes` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `Staking::Candidates` (r:1 w:0)
	/// Proof: `Staking::Candidates` (`max_values`: Some(1), `max_size`: Some(12290), added: 12785, mode: `MaxEncodedLen`)
	/// Storage: `Session::NextKeys` (r:256 w:0)
	/// Proof: `Session::NextKeys` (`max_values`: None, `max_size`: None, mode: `Measured`)
	/// Storage: `Staking::NodeKeyAccounts` (r:100 w:100)
	/// Proof: `Staking::NodeKeyAccounts` (`max_values`: None, `max_size`: Some(80), added: 2555, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:100 w:100)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Staking::UmbralKeys` (r:100 w:0)
	/// Proof: `Staking::UmbralKeys` (`max_values`: None, `max_size`: Some(81), added: 2556, mode: `MaxEncodedLen`)
	/// Storage: `Staking::PlannedNodes` (r:1 w:1)
	/// Proof: `Staking::PlannedNodes` (`max_values`: Some(1), `max_size`: Some(4802), added: 5297, mode: `MaxEncodedLen`)
	fn plan_session(c: u32, ) -> Weight {
		// Proof size: measured `16469 + c * 160`, estimated `254890 + c * 2650`.
		// Minimum execution time: 148_580_000 picoseconds.
		Weight::from_parts(908_360_013, 254890)
			.saturating_add(Weight::from_parts(10_989_242, 0).saturating_mul(c.into()))
			.saturating_add(Db::get().reads(211))
			.saturating_add(Db::get().reads((2_u64).saturating_mul(c.into())))
			.saturating_add(Db::get().writes(174))
			.saturating_add(Db::get().writes((1_u64).saturating_mul(c.into())))
			.saturating_add(Weight::from_parts(0, 2650).saturating_mul(c.into()))
	}
	/// Storage: `Session::DisabledValidators` (r:1 w:1)
	/// Proof: `Session::DisabledValidators` (`max_values`: Some(1), `max_size`: None, mode: `Measured`)
	/// Storage: `Session::Validators` (r:1 w:0)
	/// Proof: `Session::Validators` (`max_values`: Some(1), `max_size`: None, mode: `Measured`)
	/// Storage: `Staking::PlannedNodes` (r:1 w:0)
	/// Proof: `Staking::PlannedNodes` (`max_values`: Some(1), `max_size`: Some(4802), added: 5297, mode: `MaxEncodedLen`)
	/// Storage: `Staking::ActiveNodes` (r:1 w:1)
	/// Proof: `Staking::ActiveNodes` (`max_values`: Some(1), `max_size`: Some(4802), added: 5297, mode: `MaxEncodedLen`)
	/// Storage: `Staking::Ledger` (r:100 w:100)
	/// Proof: `Staking::Ledger` (`max_values`: None, `max_size`: Some(706), added: 3181, mode: `MaxEncodedLen`)
	/// Storage: `Staking::UmbralKeys` (r:100 w:100)
	/// Proof: `Staking::UmbralKeys` (`max_values`: None, `max_size`: Some(81), added: 2556, mode: `MaxEncodedLen`)
	/// Storage: `Staking::NodeKeyAccounts` (r:100 w:100)
	/// Proof: `Staking::NodeKeyAccounts` (`max_values`: None, `max_size`: Some(80), added: 2555, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:100 w:100)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Staking::ActiveStake` (r:0 w:200)
	/// Proof: `Staking::ActiveStake` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `Staking::UmbralKeyOwners` (r:0 w:100)
	/// Proof: `Staking::UmbralKeyOwners` (`max_values`: None, `max_size`: Some(81), added: 2556, mode: `MaxEncodedLen`)
	/// Storage: `Staking::UmbralKeyChanges` (r:0 w:100)
	/// Proof: `Staking::UmbralKeyChanges` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `Staking::CurrentSession` (r:0 w:1)
	/// Proof: `Staking::CurrentSession` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Staking::SlashHistory` (r:0 w:100)
	/// Proof: `Staking::SlashHistory` (`max_values`: None, `max_size`: Some(1169), added: 3644, mode: `MaxEncodedLen`)
	fn start_session(v: u32, ) -> Weight {
		// Proof size: measured `320 + v * 632`, estimated `6287 + v * 3181`.
		// Minimum execution time: 60_139_000 picoseconds.
		Weight::from_parts(10_844_133, 6287)
			.saturating_add(Weight::from_parts(47_727_931, 0).saturating_mul(v.into()))
			.saturating_add(Db::get().reads(4))
			.saturating_add(Db::get().reads((4_u64).saturating_mul(v.into())))
			.saturating_add(Db::get().writes(3))
			.saturating_add(Db::get().writes((9_u64).saturating_mul(v.into())))
			.saturating_add(Weight::from_parts(0, 3181).saturating_mul(v.into()))
	}
	/// Storage: `Staking::SessionReward` (r:1 w:0)
	/// Proof: `Staking::SessionReward` (`max_values`: Some(1), `max_size`: Some(16), added: 511, mode: `MaxEncodedLen`)
	/// Storage: `Staking::ActiveNodes` (r:1 w:0)
	/// Proof: `Staking::ActiveNodes` (`max_values`: Some(1), `max_size`: Some(4802), added: 5297, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:100 w:100)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	fn pay_session_reward(v: u32, ) -> Weight {
		// Proof size: measured `337 + v * 159`, estimated `6287 + v * 2603`.
		// Minimum execution time: 35_242_000 picoseconds.
		Weight::from_parts(35_613_000, 6287)
			.saturating_add(Weight::from_parts(26_064_780, 0).saturating_mul(v.into()))
			.saturating_add(Db::get().reads(2))
			.saturating_add(Db::get().reads((1_u64).saturating_mul(v.into())))
			.saturating_add(Db::get().writes((1_u64).saturating_mul(v.into())))
			.saturating_add(Weight::from_parts(0, 2603).saturating_mul(v.into()))
	}
	/// Storage: `Staking::Ledger` (r:1 w:1)
	/// Proof: `Staking::Ledger` (`max_values`: None, `max_size`: Some(706), added: 3181, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(139), added: 2614, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:3 w:3)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Staking::ActiveStake` (r:1 w:0)
	/// Proof: `Staking::ActiveStake` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `Staking::PlannedNodes` (r:1 w:0)
	/// Proof: `Staking::PlannedNodes` (`max_values`: Some(1), `max_size`: Some(4802), added: 5297, mode: `MaxEncodedLen`)
	/// Storage: `Staking::Candidates` (r:1 w:1)
	/// Proof: `Staking::Candidates` (`max_values`: Some(1), `max_size`: Some(12290), added: 12785, mode: `MaxEncodedLen`)
	/// Storage: `Staking::UmbralKeys` (r:1 w:1)
	/// Proof: `Staking::UmbralKeys` (`max_values`: None, `max_size`: Some(81), added: 2556, mode: `MaxEncodedLen`)
	/// Storage: `Staking::NodeKeyAccounts` (r:1 w:1)
	/// Proof: `Staking::NodeKeyAccounts` (`max_values`: None, `max_size`: Some(80), added: 2555, mode: `MaxEncodedLen`)
	/// Storage: `Staking::UmbralKeyOwners` (r:0 w:1)
	/// Proof: `Staking::UmbralKeyOwners` (`max_values`: None, `max_size`: Some(81), added: 2556, mode: `MaxEncodedLen`)
	/// Storage: `Staking::UmbralKeyChanges` (r:0 w:1)
	/// Proof: `Staking::UmbralKeyChanges` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `Staking::SlashHistory` (r:0 w:1)
	/// Proof: `Staking::SlashHistory` (`max_values`: None, `max_size`: Some(1169), added: 3644, mode: `MaxEncodedLen`)
	fn slash() -> Weight {
		// Proof size: measured `23485`, estimated `13775`.
		// Minimum execution time: 169_381_000 picoseconds.
		Weight::from_parts(193_948_000, 13775)
			.saturating_add(Db::get().reads(10))
			.saturating_add(Db::get().writes(11))
	}
	/// Storage: `Staking::Ledger` (r:1 w:1)
	/// Proof: `Staking::Ledger` (`max_values`: None, `max_size`: Some(706), added: 3181, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(139), added: 2614, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:2 w:2)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Staking::ActiveStake` (r:1 w:0)
	/// Proof: `Staking::ActiveStake` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `Staking::Candidates` (r:1 w:1)
	/// Proof: `Staking::Candidates` (`max_values`: Some(1), `max_size`: Some(12290), added: 12785, mode: `MaxEncodedLen`)
	/// Storage: `Staking::SlashHistory` (r:1 w:1)
	/// Proof: `Staking::SlashHistory` (`max_values`: None, `max_size`: Some(1169), added: 3644, mode: `MaxEncodedLen`)
	fn slash_elected() -> Weight {
		// Proof size: measured `17131`, estimated `13775`.
		// Minimum execution time: 136_703_000 picoseconds.
		Weight::from_parts(158_024_000, 13775)
			.saturating_add(Db::get().reads(7))
			.saturating_add(Db::get().writes(6))
	}
	/// Storage: `Staking::OffenceSlashes` (r:1 w:1)
	/// Proof: `Staking::OffenceSlashes` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `Staking::Ledger` (r:1 w:1)
	/// Proof: `Staking::Ledger` (`max_values`: None, `max_size`: Some(706), added: 3181, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(139), added: 2614, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:2 w:2)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Staking::ActiveStake` (r:1 w:0)
	/// Proof: `Staking::ActiveStake` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `Staking::Candidates` (r:1 w:1)
	/// Proof: `Staking::Candidates` (`max_values`: Some(1), `max_size`: Some(12290), added: 12785, mode: `MaxEncodedLen`)
	/// Storage: `Staking::SlashHistory` (r:1 w:1)
	/// Proof: `Staking::SlashHistory` (`max_values`: None, `max_size`: Some(1169), added: 3644, mode: `MaxEncodedLen`)
	/// Storage: `Session::DisabledValidators` (r:1 w:1)
	/// Proof: `Session::DisabledValidators` (`max_values`: Some(1), `max_size`: None, mode: `Measured`)
	/// Storage: `Session::Validators` (r:1 w:0)
	/// Proof: `Session::Validators` (`max_values`: Some(1), `max_size`: None, mode: `Measured`)
	fn on_offence() -> Weight {
		// Proof size: measured `20731`, estimated `22216`.
		// Minimum execution time: 173_087_000 picoseconds.
		Weight::from_parts(203_893_000, 22216)
			.saturating_add(Db::get().reads(10))
			.saturating_add(Db::get().writes(8))
	}
}
