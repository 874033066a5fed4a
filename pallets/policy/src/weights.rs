// This file is part of NKMS Chain. SPDX-License-Identifier: GPL-3.0-only

//! Weights of `pallet_nkms_policy`, measured by `nkms-node benchmark pallet` (64.0.0) on 2026-12-01.
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
// pallet_nkms_policy
// --extrinsic
// *
// --steps
// 50
// --repeat
// 20
// --template
// scripts/pallet-weights.hbs
// --header
// /tmp/tmp.3MnAoOzBTZ
// --output
// pallets/policy/src/weights.rs

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]

use core::marker::PhantomData;
use frame_support::{traits::Get, weights::{RuntimeDbWeight, Weight}};

/// The weight of each call and each piece of session work of this pallet.
pub trait WeightInfo {
	/// `create_policy`, `n` in `[1, 32]`.
	fn create_policy(n: u32, ) -> Weight;
	/// `revoke_policy`, `n` in `[1, 32]`.
	fn revoke_policy(n: u32, ) -> Weight;
	/// `revoke_node`, `n` in `[2, 32]`.
	fn revoke_node(n: u32, ) -> Weight;
	/// `extend_policy`, `n` in `[1, 32]`.
	fn extend_policy(n: u32, ) -> Weight;
	/// `claim_fees`, `c` in `[1, 32]`.
	fn claim_fees(c: u32, ) -> Weight;
	/// `reap_policy`, `n` in `[1, 32]`.
	fn reap_policy(n: u32, ) -> Weight;
	/// `settle_due`, `n` in `[1, 32]`.
	fn settle_due(n: u32, ) -> Weight;
	/// `walk_settlement_queue`, `b` in `[0, 1000]`.
	fn walk_settlement_queue(b: u32, ) -> Weight;
	/// `set_min_fee_rate`.
	fn set_min_fee_rate() -> Weight;
	/// `set_fee_rate_range`.
	fn set_fee_rate_range() -> Weight;
	/// `accept_arrangement`.
	fn accept_arrangement(n: u32, ) -> Weight;
	/// `decline_arrangement`.
	fn decline_arrangement(n: u32, ) -> Weight;
	/// `check_decision`.
	fn check_decision(n: u32, ) -> Weight;
	/// `leave_policy`.
	fn leave_policy(n: u32, ) -> Weight;
	/// `close_decisions`.
	fn close_decisions(n: u32, ) -> Weight;
	/// `walk_decision_queue`.
	fn walk_decision_queue(b: u32, ) -> Weight;
	/// `set_max_duration`.
	fn set_max_duration() -> Weight;
}

/// The measured weights, with database costs from `Db`.
pub struct MeasuredWeights<Db>(PhantomData<Db>);

/// The measured weights with the runtime's database costs.
pub type SubstrateWeight<T> = MeasuredWeights<<T as frame_system::Config>::DbWeight>;

impl<Db: Get<RuntimeDbWeight>> WeightInfo for MeasuredWeights<Db> {
	/// Storage: `Policy::Policies` (r:1 w:1)
	/// Proof: `Policy::Policies` (`max_values`: None, `max_size`: Some(3365), added: 5840, mode: `MaxEncodedLen`)
	/// Storage: `Staking::ActiveStake` (r:32 w:0)
	/// Proof: `Staking::ActiveStake` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `Staking::Ledger` (r:32 w:0)
	/// Proof: `Staking::Ledger` (`max_values`: None, `max_size`: Some(706), added: 3181, mode: `MaxEncodedLen`)
	/// Storage: `Staking::UmbralKeys` (r:32 w:0)
	/// Proof: `Staking::UmbralKeys` (`max_values`: None, `max_size`: Some(81), added: 2556, mode: `MaxEncodedLen`)
	/// Storage: `Policy::FeeRates` (r:1 w:0)
	/// Proof: `Policy::FeeRates` (`max_values`: Some(1), `max_size`: Some(32), added: 527, mode: `MaxEncodedLen`)
	/// Storage: `Policy::MinFeeRates` (r:32 w:0)
	/// Proof: `Policy::MinFeeRates` (`max_values`: None, `max_size`: Some(80), added: 2555, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(139), added: 2614, mode: `MaxEncodedLen`)
	/// Storage: `Policy::OwnerPolicies` (r:1 w:1)
	/// Proof: `Policy::OwnerPolicies` (`max_values`: None, `max_size`: Some(8242), added: 10717, mode: `MaxEncodedLen`)
	/// Storage: `Policy::NodePolicies` (r:32 w:32)
	/// Proof: `Policy::NodePolicies` (`max_values`: None, `max_size`: Some(9266), added: 11741, mode: `MaxEncodedLen`)
	/// Storage: `Policy::SettlementQueue` (r:0 w:1)
	/// Proof: `Policy::SettlementQueue` (`max_values`: None, `max_size`: Some(60), added: 2535, mode: `MaxEncodedLen`)
	/// Storage: `Policy::KeyFrags` (r:0 w:32)
	/// Proof: `Policy::KeyFrags` (`max_values`: None, `max_size`: Some(780), added: 3255, mode: `MaxEncodedLen`)
	fn create_policy(n: u32, ) -> Weight {
		// Proof size: measured `18090 + n * 336`, estimated `11707 + n * 11741`.
		// Minimum execution time: 294_007_000 picoseconds.
		Weight::from_parts(357_471_564, 11707)
			.saturating_add(Weight::from_parts(73_537_041, 0).saturating_mul(n.into()))
			.saturating_add(Db::get().reads(5))
			.saturating_add(Db::get().reads((5_u64).saturating_mul(n.into())))
			.saturating_add(Db::get().writes(5))
			.saturating_add(Db::get().writes((2_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 11741).saturating_mul(n.into()))
	}
	/// Storage: `Policy::Policies` (r:1 w:1)
	/// Proof: `Policy::Policies` (`max_values`: None, `max_size`: Some(3365), added: 5840, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(139), added: 2614, mode: `MaxEncodedLen`)
	/// Storage: `Policy::NodePolicies` (r:32 w:32)
	/// Proof: `Policy::NodePolicies` (`max_values`: None, `max_size`: Some(9266), added: 11741, mode: `MaxEncodedLen`)
	/// Storage: `Policy::SettlementQueue` (r:0 w:2)
	/// Proof: `Policy::SettlementQueue` (`max_values`: None, `max_size`: Some(60), added: 2535, mode: `MaxEncodedLen`)
	/// Storage: `Policy::KeyFrags` (r:0 w:32)
	/// Proof: `Policy::KeyFrags` (`max_values`: None, `max_size`: Some(780), added: 3255, mode: `MaxEncodedLen`)
	fn revoke_policy(n: u32, ) -> Weight {
		// Proof size: measured `10066 + n * 194`, estimated `6830 + n * 11741`.
		// Minimum execution time: 118_717_000 picoseconds.
		Weight::from_parts(140_609_930, 6830)
			.saturating_add(Weight::from_parts(15_962_921, 0).saturating_mul(n.into()))
			.saturating_add(Db::get().reads(3))
			.saturating_add(Db::get().reads((1_u64).saturating_mul(n.into())))
			.saturating_add(Db::get().writes(5))
			.saturating_add(Db::get().writes((2_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 11741).saturating_mul(n.into()))
	}
	/// Storage: `Policy::Policies` (r:1 w:1)
	/// Proof: `Policy::Policies` (`max_values`: None, `max_size`: Some(3365), added: 5840, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(139), added: 2614, mode: `MaxEncodedLen`)
	/// Storage: `Policy::NodePolicies` (r:1 w:1)
	/// Proof: `Policy::NodePolicies` (`max_values`: None, `max_size`: Some(9266), added: 11741, mode: `MaxEncodedLen`)
	/// Storage: `Policy::KeyFrags` (r:0 w:1)
	/// Proof: `Policy::KeyFrags` (`max_values`: None, `max_size`: Some(780), added: 3255, mode: `MaxEncodedLen`)
	fn revoke_node(n: u32, ) -> Weight {
		// Proof size: measured `10269 + n * 121`, estimated `12731`.
		// Minimum execution time: 86_108_000 picoseconds.
		Weight::from_parts(92_846_362, 12731)
			.saturating_add(Weight::from_parts(2_136_890, 0).saturating_mul(n.into()))
			.saturating_add(Db::get().reads(4))
			.saturating_add(Db::get().writes(5))
	}
	/// Storage: `Policy::Policies` (r:1 w:1)
	/// Proof: `Policy::Policies` (`max_values`: None, `max_size`: Some(3365), added: 5840, mode: `MaxEncodedLen`)
	/// Storage: `Staking::ActiveStake` (r:32 w:0)
	/// Proof: `Staking::ActiveStake` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `Staking::Ledger` (r:32 w:0)
	/// Proof: `Staking::Ledger` (`max_values`: None, `max_size`: Some(706), added: 3181, mode: `MaxEncodedLen`)
	/// Storage: `Policy::FeeRates` (r:1 w:0)
	/// Proof: `Policy::FeeRates` (`max_values`: Some(1), `max_size`: Some(32), added: 527, mode: `MaxEncodedLen`)
	/// Storage: `Policy::MinFeeRates` (r:32 w:0)
	/// Proof: `Policy::MinFeeRates` (`max_values`: None, `max_size`: Some(80), added: 2555, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(139), added: 2614, mode: `MaxEncodedLen`)
	/// Storage: `Policy::NodePolicies` (r:32 w:32)
	/// Proof: `Policy::NodePolicies` (`max_values`: None, `max_size`: Some(9266), added: 11741, mode: `MaxEncodedLen`)
	/// Storage: `Policy::SettlementQueue` (r:0 w:2)
	/// Proof: `Policy::SettlementQueue` (`max_values`: None, `max_size`: Some(60), added: 2535, mode: `MaxEncodedLen`)
	fn extend_policy(n: u32, ) -> Weight {
		// Proof size: measured `10536 + n * 338`, estimated `6830 + n * 11741`.
		// Minimum execution time: 146_208_000 picoseconds.
		Weight::from_parts(128_146_017, 6830)
			.saturating_add(Weight::from_parts(29_226_698, 0).saturating_mul(n.into()))
			.saturating_add(Db::get().reads(4))
			.saturating_add(Db::get().reads((4_u64).saturating_mul(n.into())))
			.saturating_add(Db::get().writes(5))
			.saturating_add(Db::get().writes((1_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 11741).saturating_mul(n.into()))
	}
	/// Storage: `Policy::Policies` (r:32 w:32)
	/// Proof: `Policy::Policies` (`max_values`: None, `max_size`: Some(3365), added: 5840, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:2 w:2)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(139), added: 2614, mode: `MaxEncodedLen`)
	/// Storage: `Staking::Ledger` (r:1 w:0)
	/// Proof: `Staking::Ledger` (`max_values`: None, `max_size`: Some(706), added: 3181, mode: `MaxEncodedLen`)
	fn claim_fees(c: u32, ) -> Weight {
		// Proof size: measured `2910 + c * 3429`, estimated `6196 + c * 5840`.
		// Minimum execution time: 160_419_000 picoseconds.
		Weight::from_parts(291_076_080, 6196)
			.saturating_add(Weight::from_parts(96_697_537, 0).saturating_mul(c.into()))
			.saturating_add(Db::get().reads(4))
			.saturating_add(Db::get().reads((1_u64).saturating_mul(c.into())))
			.saturating_add(Db::get().writes(3))
			.saturating_add(Db::get().writes((1_u64).saturating_mul(c.into())))
			.saturating_add(Weight::from_parts(0, 5840).saturating_mul(c.into()))
	}
	/// Storage: `Policy::Policies` (r:1 w:1)
	/// Proof: `Policy::Policies` (`max_values`: None, `max_size`: Some(3365), added: 5840, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:33 w:33)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(139), added: 2614, mode: `MaxEncodedLen`)
	/// Storage: `Staking::Ledger` (r:32 w:0)
	/// Proof: `Staking::Ledger` (`max_values`: None, `max_size`: Some(706), added: 3181, mode: `MaxEncodedLen`)
	/// Storage: `Policy::NodePolicies` (r:32 w:32)
	/// Proof: `Policy::NodePolicies` (`max_values`: None, `max_size`: Some(9266), added: 11741, mode: `MaxEncodedLen`)
	/// Storage: `Policy::OwnerPolicies` (r:1 w:1)
	/// Proof: `Policy::OwnerPolicies` (`max_values`: None, `max_size`: Some(8242), added: 10717, mode: `MaxEncodedLen`)
	/// Storage: `Policy::SettlementQueue` (r:0 w:1)
	/// Proof: `Policy::SettlementQueue` (`max_values`: None, `max_size`: Some(60), added: 2535, mode: `MaxEncodedLen`)
	/// Storage: `Policy::KeyFrags` (r:0 w:32)
	/// Proof: `Policy::KeyFrags` (`max_values`: None, `max_size`: Some(780), added: 3255, mode: `MaxEncodedLen`)
	fn reap_policy(n: u32, ) -> Weight {
		// Proof size: measured `18707 + n * 350`, estimated `11707 + n * 11741`.
		// Minimum execution time: 229_191_000 picoseconds.
		Weight::from_parts(114_723_450, 11707)
			.saturating_add(Weight::from_parts(116_297_290, 0).saturating_mul(n.into()))
			.saturating_add(Db::get().reads(4))
			.saturating_add(Db::get().reads((3_u64).saturating_mul(n.into())))
			.saturating_add(Db::get().writes(5))
			.saturating_add(Db::get().writes((3_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 11741).saturating_mul(n.into()))
	}
	/// Storage: `Policy::NextSettlement` (r:1 w:1)
	/// Proof: `Policy::NextSettlement` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Policy::SettlementQueue` (r:2 w:1)
	/// Proof: `Policy::SettlementQueue` (`max_values`: None, `max_size`: Some(60), added: 2535, mode: `MaxEncodedLen`)
	/// Storage: `Policy::Policies` (r:1 w:1)
	/// Proof: `Policy::Policies` (`max_values`: None, `max_size`: Some(3365), added: 5840, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:33 w:33)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(139), added: 2614, mode: `MaxEncodedLen`)
	/// Storage: `Staking::Ledger` (r:32 w:0)
	/// Proof: `Staking::Ledger` (`max_values`: None, `max_size`: Some(706), added: 3181, mode: `MaxEncodedLen`)
	/// Storage: `Policy::NodePolicies` (r:32 w:32)
	/// Proof: `Policy::NodePolicies` (`max_values`: None, `max_size`: Some(9266), added: 11741, mode: `MaxEncodedLen`)
	/// Storage: `Policy::OwnerPolicies` (r:1 w:1)
	/// Proof: `Policy::OwnerPolicies` (`max_values`: None, `max_size`: Some(8242), added: 10717, mode: `MaxEncodedLen`)
	/// Storage: `Policy::KeyFrags` (r:0 w:32)
	/// Proof: `Policy::KeyFrags` (`max_values`: None, `max_size`: Some(780), added: 3255, mode: `MaxEncodedLen`)
	fn settle_due(n: u32, ) -> Weight {
		// Proof size: measured `18779 + n * 350`, estimated `11707 + n * 11741`.
		// Minimum execution time: 228_359_000 picoseconds.
		Weight::from_parts(45_052_844, 11707)
			.saturating_add(Weight::from_parts(118_193_476, 0).saturating_mul(n.into()))
			.saturating_add(Db::get().reads(7))
			.saturating_add(Db::get().reads((3_u64).saturating_mul(n.into())))
			.saturating_add(Db::get().writes(6))
			.saturating_add(Db::get().writes((3_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 11741).saturating_mul(n.into()))
	}
	/// Storage: `Policy::NextSettlement` (r:1 w:1)
	/// Proof: `Policy::NextSettlement` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Policy::SettlementQueue` (r:1001 w:0)
	/// Proof: `Policy::SettlementQueue` (`max_values`: None, `max_size`: Some(60), added: 2535, mode: `MaxEncodedLen`)
	fn walk_settlement_queue(b: u32, ) -> Weight {
		// Proof size: measured `66`, estimated `3525 + b * 2535`.
		// Minimum execution time: 6_920_000 picoseconds.
		Weight::from_parts(7_371_000, 3525)
			.saturating_add(Weight::from_parts(3_470_495, 0).saturating_mul(b.into()))
			.saturating_add(Db::get().reads(2))
			.saturating_add(Db::get().reads((1_u64).saturating_mul(b.into())))
			.saturating_add(Db::get().writes(1))
			.saturating_add(Weight::from_parts(0, 2535).saturating_mul(b.into()))
	}
	/// Storage: `Staking::Ledger` (r:1 w:0)
	/// Proof: `Staking::Ledger` (`max_values`: None, `max_size`: Some(706), added: 3181, mode: `MaxEncodedLen`)
	/// Storage: `Policy::FeeRates` (r:1 w:0)
	/// Proof: `Policy::FeeRates` (`max_values`: Some(1), `max_size`: Some(32), added: 527, mode: `MaxEncodedLen`)
	/// Storage: `Policy::MinFeeRates` (r:1 w:1)
	/// Proof: `Policy::MinFeeRates` (`max_values`: None, `max_size`: Some(80), added: 2555, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(139), added: 2614, mode: `MaxEncodedLen`)
	fn set_min_fee_rate() -> Weight {
		// Proof size: measured `762`, estimated `4171`.
		// Minimum execution time: 73_769_000 picoseconds.
		Weight::from_parts(101_712_000, 4171)
			.saturating_add(Db::get().reads(5))
			.saturating_add(Db::get().writes(3))
	}
	/// Storage: `Policy::FeeRates` (r:0 w:1)
	/// Proof: `Policy::FeeRates` (`max_values`: Some(1), `max_size`: Some(32), added: 527, mode: `MaxEncodedLen`)
	fn set_fee_rate_range() -> Weight {
		// Proof size: measured `0`, estimated `0`.
		// Minimum execution time: 5_669_000 picoseconds.
		Weight::from_parts(9_735_000, 0)
			.saturating_add(Db::get().writes(1))
	}
	/// Not measured yet: an estimate until `scripts/benchmark.sh` runs.
	fn accept_arrangement(_n: u32, ) -> Weight {
		Weight::from_parts(200_000_000, 0)
			.saturating_add(Db::get().reads(6))
			.saturating_add(Db::get().writes(5))
	}
	/// Not measured yet: an estimate until `scripts/benchmark.sh` runs.
	fn decline_arrangement(_n: u32, ) -> Weight {
		Weight::from_parts(400_000_000, 0)
			.saturating_add(Db::get().reads(10))
			.saturating_add(Db::get().writes(10))
	}
	/// Not measured yet: an estimate until `scripts/benchmark.sh` runs.
	fn check_decision(_n: u32, ) -> Weight {
		Weight::from_parts(100_000_000, 0)
			.saturating_add(Db::get().reads(4))
			.saturating_add(Db::get().writes(0))
	}
	/// Not measured yet: an estimate until `scripts/benchmark.sh` runs.
	fn leave_policy(_n: u32, ) -> Weight {
		Weight::from_parts(400_000_000, 0)
			.saturating_add(Db::get().reads(40))
			.saturating_add(Db::get().writes(40))
	}
	/// Not measured yet: an estimate until `scripts/benchmark.sh` runs.
	fn close_decisions(_n: u32, ) -> Weight {
		Weight::from_parts(2_000_000_000, 0)
			.saturating_add(Db::get().reads(100))
			.saturating_add(Db::get().writes(100))
	}
	/// Not measured yet: an estimate until `scripts/benchmark.sh` runs.
	fn walk_decision_queue(b: u32, ) -> Weight {
		Weight::from_parts(10_000_000, 0)
			.saturating_add(Weight::from_parts(3_000_000, 0).saturating_mul(b.into()))
			.saturating_add(Db::get().reads(1))
			.saturating_add(Db::get().reads((1_u64).saturating_mul(b.into())))
			.saturating_add(Db::get().writes(1))
	}
	/// Not measured yet: an estimate until `scripts/benchmark.sh` runs.
	fn set_max_duration() -> Weight {
		Weight::from_parts(50_000_000, 0)
			.saturating_add(Db::get().reads(2))
			.saturating_add(Db::get().writes(2))
	}
}
