// This file is part of NKMS Chain. SPDX-License-Identifier: GPL-3.0-only

//! Weights of `pallet_nkms_policy`, measured by `nkms-node benchmark pallet` (64.0.0) on 2026-12-03.
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
// /tmp/tmp.WhqroIMWTi
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
	/// `accept_arrangement`, `n` in `[1, 32]`.
	fn accept_arrangement(n: u32, ) -> Weight;
	/// `decline_arrangement`, `n` in `[1, 32]`.
	fn decline_arrangement(n: u32, ) -> Weight;
	/// `check_decision`, `n` in `[1, 32]`.
	fn check_decision(n: u32, ) -> Weight;
	/// `leave_policy`, `n` in `[1, 32]`.
	fn leave_policy(n: u32, ) -> Weight;
	/// `close_decisions`, `n` in `[1, 32]`.
	fn close_decisions(n: u32, ) -> Weight;
	/// `walk_decision_queue`, `b` in `[0, 1000]`.
	fn walk_decision_queue(b: u32, ) -> Weight;
	/// `set_max_duration`.
	fn set_max_duration() -> Weight;
	/// `set_min_fee_rate`.
	fn set_min_fee_rate() -> Weight;
	/// `set_fee_rate_range`.
	fn set_fee_rate_range() -> Weight;
}

/// The measured weights, with database costs from `Db`.
pub struct MeasuredWeights<Db>(PhantomData<Db>);

/// The measured weights with the runtime's database costs.
pub type SubstrateWeight<T> = MeasuredWeights<<T as frame_system::Config>::DbWeight>;

impl<Db: Get<RuntimeDbWeight>> WeightInfo for MeasuredWeights<Db> {
	/// Storage: `Policy::Policies` (r:1 w:1)
	/// Proof: `Policy::Policies` (`max_values`: None, `max_size`: Some(3530), added: 6005, mode: `MaxEncodedLen`)
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
	/// Storage: `Policy::MaxDurations` (r:32 w:0)
	/// Proof: `Policy::MaxDurations` (`max_values`: None, `max_size`: Some(68), added: 2543, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(139), added: 2614, mode: `MaxEncodedLen`)
	/// Storage: `Policy::OwnerPolicies` (r:1 w:1)
	/// Proof: `Policy::OwnerPolicies` (`max_values`: None, `max_size`: Some(8242), added: 10717, mode: `MaxEncodedLen`)
	/// Storage: `Policy::NodePolicies` (r:32 w:32)
	/// Proof: `Policy::NodePolicies` (`max_values`: None, `max_size`: Some(9266), added: 11741, mode: `MaxEncodedLen`)
	/// Storage: `Policy::NodeProposals` (r:32 w:32)
	/// Proof: `Policy::NodeProposals` (`max_values`: None, `max_size`: Some(625), added: 3100, mode: `MaxEncodedLen`)
	/// Storage: `Policy::SettlementQueue` (r:0 w:1)
	/// Proof: `Policy::SettlementQueue` (`max_values`: None, `max_size`: Some(60), added: 2535, mode: `MaxEncodedLen`)
	/// Storage: `Policy::DecisionQueue` (r:0 w:1)
	/// Proof: `Policy::DecisionQueue` (`max_values`: None, `max_size`: Some(60), added: 2535, mode: `MaxEncodedLen`)
	/// Storage: `Policy::KeyFrags` (r:0 w:32)
	/// Proof: `Policy::KeyFrags` (`max_values`: None, `max_size`: Some(780), added: 3255, mode: `MaxEncodedLen`)
	fn create_policy(n: u32, ) -> Weight {
		// Proof size: measured `18639 + n * 422`, estimated `11707 + n * 11741`.
		// Minimum execution time: 295_699_000 picoseconds.
		Weight::from_parts(147_362_009, 11707)
			.saturating_add(Weight::from_parts(101_312_215, 0).saturating_mul(n.into()))
			.saturating_add(Db::get().reads(5))
			.saturating_add(Db::get().reads((7_u64).saturating_mul(n.into())))
			.saturating_add(Db::get().writes(6))
			.saturating_add(Db::get().writes((3_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 11741).saturating_mul(n.into()))
	}
	/// Storage: `Policy::Policies` (r:1 w:1)
	/// Proof: `Policy::Policies` (`max_values`: None, `max_size`: Some(3530), added: 6005, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(139), added: 2614, mode: `MaxEncodedLen`)
	/// Storage: `Policy::NodeProposals` (r:32 w:32)
	/// Proof: `Policy::NodeProposals` (`max_values`: None, `max_size`: Some(625), added: 3100, mode: `MaxEncodedLen`)
	/// Storage: `Policy::NodePolicies` (r:32 w:32)
	/// Proof: `Policy::NodePolicies` (`max_values`: None, `max_size`: Some(9266), added: 11741, mode: `MaxEncodedLen`)
	/// Storage: `Policy::SettlementQueue` (r:0 w:2)
	/// Proof: `Policy::SettlementQueue` (`max_values`: None, `max_size`: Some(60), added: 2535, mode: `MaxEncodedLen`)
	/// Storage: `Policy::DecisionQueue` (r:0 w:1)
	/// Proof: `Policy::DecisionQueue` (`max_values`: None, `max_size`: Some(60), added: 2535, mode: `MaxEncodedLen`)
	/// Storage: `Policy::KeyFrags` (r:0 w:32)
	/// Proof: `Policy::KeyFrags` (`max_values`: None, `max_size`: Some(780), added: 3255, mode: `MaxEncodedLen`)
	fn revoke_policy(n: u32, ) -> Weight {
		// Proof size: measured `10612 + n * 285`, estimated `6995 + n * 11741`.
		// Minimum execution time: 134_630_000 picoseconds.
		Weight::from_parts(119_422_547, 6995)
			.saturating_add(Weight::from_parts(21_250_077, 0).saturating_mul(n.into()))
			.saturating_add(Db::get().reads(3))
			.saturating_add(Db::get().reads((2_u64).saturating_mul(n.into())))
			.saturating_add(Db::get().writes(6))
			.saturating_add(Db::get().writes((3_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 11741).saturating_mul(n.into()))
	}
	/// Storage: `Policy::Policies` (r:1 w:1)
	/// Proof: `Policy::Policies` (`max_values`: None, `max_size`: Some(3530), added: 6005, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(139), added: 2614, mode: `MaxEncodedLen`)
	/// Storage: `Policy::NodeProposals` (r:1 w:1)
	/// Proof: `Policy::NodeProposals` (`max_values`: None, `max_size`: Some(625), added: 3100, mode: `MaxEncodedLen`)
	/// Storage: `Policy::NodePolicies` (r:1 w:1)
	/// Proof: `Policy::NodePolicies` (`max_values`: None, `max_size`: Some(9266), added: 11741, mode: `MaxEncodedLen`)
	/// Storage: `Policy::KeyFrags` (r:0 w:1)
	/// Proof: `Policy::KeyFrags` (`max_values`: None, `max_size`: Some(780), added: 3255, mode: `MaxEncodedLen`)
	fn revoke_node(n: u32, ) -> Weight {
		// Proof size: measured `11009 + n * 140`, estimated `12731`.
		// Minimum execution time: 88_241_000 picoseconds.
		Weight::from_parts(98_566_368, 12731)
			.saturating_add(Weight::from_parts(1_569_541, 0).saturating_mul(n.into()))
			.saturating_add(Db::get().reads(5))
			.saturating_add(Db::get().writes(6))
	}
	/// Storage: `Policy::Policies` (r:1 w:1)
	/// Proof: `Policy::Policies` (`max_values`: None, `max_size`: Some(3530), added: 6005, mode: `MaxEncodedLen`)
	/// Storage: `Staking::ActiveStake` (r:32 w:0)
	/// Proof: `Staking::ActiveStake` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `Staking::Ledger` (r:32 w:0)
	/// Proof: `Staking::Ledger` (`max_values`: None, `max_size`: Some(706), added: 3181, mode: `MaxEncodedLen`)
	/// Storage: `Policy::FeeRates` (r:1 w:0)
	/// Proof: `Policy::FeeRates` (`max_values`: Some(1), `max_size`: Some(32), added: 527, mode: `MaxEncodedLen`)
	/// Storage: `Policy::MinFeeRates` (r:32 w:0)
	/// Proof: `Policy::MinFeeRates` (`max_values`: None, `max_size`: Some(80), added: 2555, mode: `MaxEncodedLen`)
	/// Storage: `Policy::MaxDurations` (r:32 w:0)
	/// Proof: `Policy::MaxDurations` (`max_values`: None, `max_size`: Some(68), added: 2543, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(139), added: 2614, mode: `MaxEncodedLen`)
	/// Storage: `Policy::NodePolicies` (r:32 w:32)
	/// Proof: `Policy::NodePolicies` (`max_values`: None, `max_size`: Some(9266), added: 11741, mode: `MaxEncodedLen`)
	/// Storage: `Policy::SettlementQueue` (r:0 w:2)
	/// Proof: `Policy::SettlementQueue` (`max_values`: None, `max_size`: Some(60), added: 2535, mode: `MaxEncodedLen`)
	fn extend_policy(n: u32, ) -> Weight {
		// Proof size: measured `10608 + n * 343`, estimated `6995 + n * 11741`.
		// Minimum execution time: 141_320_000 picoseconds.
		Weight::from_parts(208_141_001, 6995)
			.saturating_add(Weight::from_parts(20_381_639, 0).saturating_mul(n.into()))
			.saturating_add(Db::get().reads(4))
			.saturating_add(Db::get().reads((5_u64).saturating_mul(n.into())))
			.saturating_add(Db::get().writes(5))
			.saturating_add(Db::get().writes((1_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 11741).saturating_mul(n.into()))
	}
	/// Storage: `Policy::Policies` (r:32 w:32)
	/// Proof: `Policy::Policies` (`max_values`: None, `max_size`: Some(3530), added: 6005, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:2 w:2)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(139), added: 2614, mode: `MaxEncodedLen`)
	/// Storage: `Staking::Ledger` (r:1 w:0)
	/// Proof: `Staking::Ledger` (`max_values`: None, `max_size`: Some(706), added: 3181, mode: `MaxEncodedLen`)
	fn claim_fees(c: u32, ) -> Weight {
		// Proof size: measured `2978 + c * 3469`, estimated `6196 + c * 6005`.
		// Minimum execution time: 141_841_000 picoseconds.
		Weight::from_parts(55_058_576, 6196)
			.saturating_add(Weight::from_parts(102_600_376, 0).saturating_mul(c.into()))
			.saturating_add(Db::get().reads(4))
			.saturating_add(Db::get().reads((1_u64).saturating_mul(c.into())))
			.saturating_add(Db::get().writes(3))
			.saturating_add(Db::get().writes((1_u64).saturating_mul(c.into())))
			.saturating_add(Weight::from_parts(0, 6005).saturating_mul(c.into()))
	}
	/// Storage: `Policy::Policies` (r:1 w:1)
	/// Proof: `Policy::Policies` (`max_values`: None, `max_size`: Some(3530), added: 6005, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:33 w:33)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(139), added: 2614, mode: `MaxEncodedLen`)
	/// Storage: `Staking::Ledger` (r:32 w:0)
	/// Proof: `Staking::Ledger` (`max_values`: None, `max_size`: Some(706), added: 3181, mode: `MaxEncodedLen`)
	/// Storage: `Policy::NodeProposals` (r:32 w:32)
	/// Proof: `Policy::NodeProposals` (`max_values`: None, `max_size`: Some(625), added: 3100, mode: `MaxEncodedLen`)
	/// Storage: `Policy::NodePolicies` (r:32 w:32)
	/// Proof: `Policy::NodePolicies` (`max_values`: None, `max_size`: Some(9266), added: 11741, mode: `MaxEncodedLen`)
	/// Storage: `Policy::OwnerPolicies` (r:1 w:1)
	/// Proof: `Policy::OwnerPolicies` (`max_values`: None, `max_size`: Some(8242), added: 10717, mode: `MaxEncodedLen`)
	/// Storage: `Policy::SettlementQueue` (r:0 w:1)
	/// Proof: `Policy::SettlementQueue` (`max_values`: None, `max_size`: Some(60), added: 2535, mode: `MaxEncodedLen`)
	/// Storage: `Policy::DecisionQueue` (r:0 w:1)
	/// Proof: `Policy::DecisionQueue` (`max_values`: None, `max_size`: Some(60), added: 2535, mode: `MaxEncodedLen`)
	/// Storage: `Policy::KeyFrags` (r:0 w:32)
	/// Proof: `Policy::KeyFrags` (`max_values`: None, `max_size`: Some(780), added: 3255, mode: `MaxEncodedLen`)
	fn reap_policy(n: u32, ) -> Weight {
		// Proof size: measured `19274 + n * 441`, estimated `11707 + n * 11741`.
		// Minimum execution time: 240_166_000 picoseconds.
		Weight::from_parts(132_319_433, 11707)
			.saturating_add(Weight::from_parts(118_329_970, 0).saturating_mul(n.into()))
			.saturating_add(Db::get().reads(4))
			.saturating_add(Db::get().reads((4_u64).saturating_mul(n.into())))
			.saturating_add(Db::get().writes(6))
			.saturating_add(Db::get().writes((4_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 11741).saturating_mul(n.into()))
	}
	/// Storage: `Policy::NextSettlement` (r:1 w:1)
	/// Proof: `Policy::NextSettlement` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Policy::SettlementQueue` (r:2 w:1)
	/// Proof: `Policy::SettlementQueue` (`max_values`: None, `max_size`: Some(60), added: 2535, mode: `MaxEncodedLen`)
	/// Storage: `Policy::Policies` (r:1 w:1)
	/// Proof: `Policy::Policies` (`max_values`: None, `max_size`: Some(3530), added: 6005, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:33 w:33)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(139), added: 2614, mode: `MaxEncodedLen`)
	/// Storage: `Staking::Ledger` (r:32 w:0)
	/// Proof: `Staking::Ledger` (`max_values`: None, `max_size`: Some(706), added: 3181, mode: `MaxEncodedLen`)
	/// Storage: `Policy::NodeProposals` (r:32 w:32)
	/// Proof: `Policy::NodeProposals` (`max_values`: None, `max_size`: Some(625), added: 3100, mode: `MaxEncodedLen`)
	/// Storage: `Policy::NodePolicies` (r:32 w:32)
	/// Proof: `Policy::NodePolicies` (`max_values`: None, `max_size`: Some(9266), added: 11741, mode: `MaxEncodedLen`)
	/// Storage: `Policy::OwnerPolicies` (r:1 w:1)
	/// Proof: `Policy::OwnerPolicies` (`max_values`: None, `max_size`: Some(8242), added: 10717, mode: `MaxEncodedLen`)
	/// Storage: `Policy::DecisionQueue` (r:0 w:1)
	/// Proof: `Policy::DecisionQueue` (`max_values`: None, `max_size`: Some(60), added: 2535, mode: `MaxEncodedLen`)
	/// Storage: `Policy::KeyFrags` (r:0 w:32)
	/// Proof: `Policy::KeyFrags` (`max_values`: None, `max_size`: Some(780), added: 3255, mode: `MaxEncodedLen`)
	fn settle_due(n: u32, ) -> Weight {
		// Proof size: measured `19346 + n * 441`, estimated `11707 + n * 11741`.
		// Minimum execution time: 244_453_000 picoseconds.
		Weight::from_parts(175_800_383, 11707)
			.saturating_add(Weight::from_parts(112_736_170, 0).saturating_mul(n.into()))
			.saturating_add(Db::get().reads(7))
			.saturating_add(Db::get().reads((4_u64).saturating_mul(n.into())))
			.saturating_add(Db::get().writes(7))
			.saturating_add(Db::get().writes((4_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 11741).saturating_mul(n.into()))
	}
	/// Storage: `Policy::NextSettlement` (r:1 w:1)
	/// Proof: `Policy::NextSettlement` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Policy::SettlementQueue` (r:1001 w:0)
	/// Proof: `Policy::SettlementQueue` (`max_values`: None, `max_size`: Some(60), added: 2535, mode: `MaxEncodedLen`)
	fn walk_settlement_queue(b: u32, ) -> Weight {
		// Proof size: measured `66`, estimated `3525 + b * 2535`.
		// Minimum execution time: 6_750_000 picoseconds.
		Weight::from_parts(3_787_348, 3525)
			.saturating_add(Weight::from_parts(3_140_247, 0).saturating_mul(b.into()))
			.saturating_add(Db::get().reads(2))
			.saturating_add(Db::get().reads((1_u64).saturating_mul(b.into())))
			.saturating_add(Db::get().writes(1))
			.saturating_add(Weight::from_parts(0, 2535).saturating_mul(b.into()))
	}
	/// Storage: `Staking::Ledger` (r:1 w:0)
	/// Proof: `Staking::Ledger` (`max_values`: None, `max_size`: Some(706), added: 3181, mode: `MaxEncodedLen`)
	/// Storage: `Policy::Policies` (r:1 w:1)
	/// Proof: `Policy::Policies` (`max_values`: None, `max_size`: Some(3530), added: 6005, mode: `MaxEncodedLen`)
	/// Storage: `Policy::KeyFrags` (r:1 w:0)
	/// Proof: `Policy::KeyFrags` (`max_values`: None, `max_size`: Some(780), added: 3255, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(139), added: 2614, mode: `MaxEncodedLen`)
	/// Storage: `Policy::NodeProposals` (r:1 w:1)
	/// Proof: `Policy::NodeProposals` (`max_values`: None, `max_size`: Some(625), added: 3100, mode: `MaxEncodedLen`)
	fn accept_arrangement(n: u32, ) -> Weight {
		// Proof size: measured `2841 + n * 155`, estimated `6995`.
		// Minimum execution time: 130_985_000 picoseconds.
		Weight::from_parts(141_463_585, 6995)
			.saturating_add(Weight::from_parts(967_847, 0).saturating_mul(n.into()))
			.saturating_add(Db::get().reads(6))
			.saturating_add(Db::get().writes(4))
	}
	/// Storage: `Staking::Ledger` (r:1 w:0)
	/// Proof: `Staking::Ledger` (`max_values`: None, `max_size`: Some(706), added: 3181, mode: `MaxEncodedLen`)
	/// Storage: `Policy::Policies` (r:1 w:1)
	/// Proof: `Policy::Policies` (`max_values`: None, `max_size`: Some(3530), added: 6005, mode: `MaxEncodedLen`)
	/// Storage: `Policy::KeyFrags` (r:1 w:32)
	/// Proof: `Policy::KeyFrags` (`max_values`: None, `max_size`: Some(780), added: 3255, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:2 w:2)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(139), added: 2614, mode: `MaxEncodedLen`)
	/// Storage: `Policy::NodeProposals` (r:32 w:32)
	/// Proof: `Policy::NodeProposals` (`max_values`: None, `max_size`: Some(625), added: 3100, mode: `MaxEncodedLen`)
	/// Storage: `Policy::NodePolicies` (r:32 w:32)
	/// Proof: `Policy::NodePolicies` (`max_values`: None, `max_size`: Some(9266), added: 11741, mode: `MaxEncodedLen`)
	/// Storage: `Policy::SettlementQueue` (r:0 w:2)
	/// Proof: `Policy::SettlementQueue` (`max_values`: None, `max_size`: Some(60), added: 2535, mode: `MaxEncodedLen`)
	/// Storage: `Policy::DecisionQueue` (r:0 w:1)
	/// Proof: `Policy::DecisionQueue` (`max_values`: None, `max_size`: Some(60), added: 2535, mode: `MaxEncodedLen`)
	fn decline_arrangement(n: u32, ) -> Weight {
		// Proof size: measured `12452 + n * 316`, estimated `6995 + n * 11741`.
		// Minimum execution time: 201_068_000 picoseconds.
		Weight::from_parts(237_412_032, 6995)
			.saturating_add(Weight::from_parts(18_239_710, 0).saturating_mul(n.into()))
			.saturating_add(Db::get().reads(6))
			.saturating_add(Db::get().reads((2_u64).saturating_mul(n.into())))
			.saturating_add(Db::get().writes(7))
			.saturating_add(Db::get().writes((3_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 11741).saturating_mul(n.into()))
	}
	/// Storage: `Staking::Ledger` (r:1 w:0)
	/// Proof: `Staking::Ledger` (`max_values`: None, `max_size`: Some(706), added: 3181, mode: `MaxEncodedLen`)
	/// Storage: `Policy::Policies` (r:1 w:0)
	/// Proof: `Policy::Policies` (`max_values`: None, `max_size`: Some(3530), added: 6005, mode: `MaxEncodedLen`)
	/// Storage: `Policy::KeyFrags` (r:1 w:0)
	/// Proof: `Policy::KeyFrags` (`max_values`: None, `max_size`: Some(780), added: 3255, mode: `MaxEncodedLen`)
	fn check_decision(n: u32, ) -> Weight {
		// Proof size: measured `1846 + n * 122`, estimated `6995`.
		// Minimum execution time: 27_130_000 picoseconds.
		Weight::from_parts(32_596_916, 6995)
			.saturating_add(Weight::from_parts(517_386, 0).saturating_mul(n.into()))
			.saturating_add(Db::get().reads(3))
	}
	/// Storage: `Staking::Ledger` (r:1 w:0)
	/// Proof: `Staking::Ledger` (`max_values`: None, `max_size`: Some(706), added: 3181, mode: `MaxEncodedLen`)
	/// Storage: `Policy::Policies` (r:1 w:1)
	/// Proof: `Policy::Policies` (`max_values`: None, `max_size`: Some(3530), added: 6005, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(139), added: 2614, mode: `MaxEncodedLen`)
	/// Storage: `Policy::NodePolicies` (r:32 w:32)
	/// Proof: `Policy::NodePolicies` (`max_values`: None, `max_size`: Some(9266), added: 11741, mode: `MaxEncodedLen`)
	/// Storage: `Policy::SettlementQueue` (r:0 w:2)
	/// Proof: `Policy::SettlementQueue` (`max_values`: None, `max_size`: Some(60), added: 2535, mode: `MaxEncodedLen`)
	fn leave_policy(n: u32, ) -> Weight {
		// Proof size: measured `10674 + n * 213`, estimated `6995 + n * 11741`.
		// Minimum execution time: 104_545_000 picoseconds.
		Weight::from_parts(137_082_710, 6995)
			.saturating_add(Weight::from_parts(10_778_404, 0).saturating_mul(n.into()))
			.saturating_add(Db::get().reads(4))
			.saturating_add(Db::get().reads((1_u64).saturating_mul(n.into())))
			.saturating_add(Db::get().writes(5))
			.saturating_add(Db::get().writes((1_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 11741).saturating_mul(n.into()))
	}
	/// Storage: `Policy::NextDecision` (r:1 w:1)
	/// Proof: `Policy::NextDecision` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Policy::DecisionQueue` (r:2 w:1)
	/// Proof: `Policy::DecisionQueue` (`max_values`: None, `max_size`: Some(60), added: 2535, mode: `MaxEncodedLen`)
	/// Storage: `Policy::Policies` (r:1 w:1)
	/// Proof: `Policy::Policies` (`max_values`: None, `max_size`: Some(3530), added: 6005, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(139), added: 2614, mode: `MaxEncodedLen`)
	/// Storage: `Policy::NodeProposals` (r:32 w:32)
	/// Proof: `Policy::NodeProposals` (`max_values`: None, `max_size`: Some(625), added: 3100, mode: `MaxEncodedLen`)
	/// Storage: `Policy::NodePolicies` (r:32 w:32)
	/// Proof: `Policy::NodePolicies` (`max_values`: None, `max_size`: Some(9266), added: 11741, mode: `MaxEncodedLen`)
	/// Storage: `Reencryption::Strikes` (r:32 w:32)
	/// Proof: `Reencryption::Strikes` (`max_values`: None, `max_size`: Some(61), added: 2536, mode: `MaxEncodedLen`)
	/// Storage: `Policy::SettlementQueue` (r:0 w:2)
	/// Proof: `Policy::SettlementQueue` (`max_values`: None, `max_size`: Some(60), added: 2535, mode: `MaxEncodedLen`)
	/// Storage: `Policy::KeyFrags` (r:0 w:32)
	/// Proof: `Policy::KeyFrags` (`max_values`: None, `max_size`: Some(780), added: 3255, mode: `MaxEncodedLen`)
	fn close_decisions(n: u32, ) -> Weight {
		// Proof size: measured `10768 + n * 344`, estimated `6995 + n * 11741`.
		// Minimum execution time: 201_669_000 picoseconds.
		Weight::from_parts(101_318_295, 6995)
			.saturating_add(Weight::from_parts(104_508_553, 0).saturating_mul(n.into()))
			.saturating_add(Db::get().reads(6))
			.saturating_add(Db::get().reads((3_u64).saturating_mul(n.into())))
			.saturating_add(Db::get().writes(7))
			.saturating_add(Db::get().writes((4_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 11741).saturating_mul(n.into()))
	}
	/// Storage: `Policy::NextDecision` (r:1 w:1)
	/// Proof: `Policy::NextDecision` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Policy::DecisionQueue` (r:1001 w:0)
	/// Proof: `Policy::DecisionQueue` (`max_values`: None, `max_size`: Some(60), added: 2535, mode: `MaxEncodedLen`)
	fn walk_decision_queue(b: u32, ) -> Weight {
		// Proof size: measured `66`, estimated `3525 + b * 2535`.
		// Minimum execution time: 6_840_000 picoseconds.
		Weight::from_parts(2_959_831, 3525)
			.saturating_add(Weight::from_parts(3_057_390, 0).saturating_mul(b.into()))
			.saturating_add(Db::get().reads(2))
			.saturating_add(Db::get().reads((1_u64).saturating_mul(b.into())))
			.saturating_add(Db::get().writes(1))
			.saturating_add(Weight::from_parts(0, 2535).saturating_mul(b.into()))
	}
	/// Storage: `Staking::Ledger` (r:1 w:0)
	/// Proof: `Staking::Ledger` (`max_values`: None, `max_size`: Some(706), added: 3181, mode: `MaxEncodedLen`)
	/// Storage: `Policy::MaxDurations` (r:1 w:1)
	/// Proof: `Policy::MaxDurations` (`max_values`: None, `max_size`: Some(68), added: 2543, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(139), added: 2614, mode: `MaxEncodedLen`)
	fn set_max_duration() -> Weight {
		// Proof size: measured `767`, estimated `4171`.
		// Minimum execution time: 73_850_000 picoseconds.
		Weight::from_parts(77_204_000, 4171)
			.saturating_add(Db::get().reads(4))
			.saturating_add(Db::get().writes(3))
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
		// Proof size: measured `785`, estimated `4171`.
		// Minimum execution time: 77_335_000 picoseconds.
		Weight::from_parts(80_760_000, 4171)
			.saturating_add(Db::get().reads(5))
			.saturating_add(Db::get().writes(3))
	}
	/// Storage: `Policy::FeeRates` (r:0 w:1)
	/// Proof: `Policy::FeeRates` (`max_values`: Some(1), `max_size`: Some(32), added: 527, mode: `MaxEncodedLen`)
	fn set_fee_rate_range() -> Weight {
		// Proof size: measured `0`, estimated `0`.
		// Minimum execution time: 5_378_000 picoseconds.
		Weight::from_parts(6_039_000, 0)
			.saturating_add(Db::get().writes(1))
	}
}
