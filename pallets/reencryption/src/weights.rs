// This file is part of NKMS Chain. SPDX-License-Identifier: GPL-3.0-only

//! Weights of `pallet_nkms_reencryption`, measured by `nkms-node benchmark pallet` (64.0.0) on 2026-12-03.
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
// pallet_nkms_reencryption
// --extrinsic
// *
// --steps
// 50
// --repeat
// 20
// --template
// scripts/pallet-weights.hbs
// --header
// /tmp/tmp.4y17e3TRly
// --output
// pallets/reencryption/src/weights.rs

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]

use core::marker::PhantomData;
use frame_support::{traits::Get, weights::{RuntimeDbWeight, Weight}};

/// The weight of each call and each piece of session work of this pallet.
pub trait WeightInfo {
	/// `request_reencryption`, `c` in `[1, 16]`.
	fn request_reencryption(c: u32, ) -> Weight;
	/// `submit_cfrags`, `c` in `[1, 16]`.
	fn submit_cfrags(c: u32, ) -> Weight;
	/// `check_answer`, `c` in `[1, 16]`.
	fn check_answer(c: u32, ) -> Weight;
	/// `authorize_submit_node_answer`, `c` in `[1, 16]`.
	fn authorize_submit_node_answer(c: u32, ) -> Weight;
	/// `submit_wrong_cfrag`, `c` in `[1, 16]`.
	fn submit_wrong_cfrag(c: u32, ) -> Weight;
	/// `close_request`, `n` in `[1, 32]`.
	fn close_request(n: u32, ) -> Weight;
	/// `remove_request`, `n` in `[1, 32]`.
	fn remove_request(n: u32, ) -> Weight;
	/// `reencrypt_in_worker`, `c` in `[1, 16]`.
	fn reencrypt_in_worker(c: u32, ) -> Weight;
}

/// The measured weights, with database costs from `Db`.
pub struct MeasuredWeights<Db>(PhantomData<Db>);

/// The measured weights with the runtime's database costs.
pub type SubstrateWeight<T> = MeasuredWeights<<T as frame_system::Config>::DbWeight>;

impl<Db: Get<RuntimeDbWeight>> WeightInfo for MeasuredWeights<Db> {
	/// Storage: `Policy::Policies` (r:1 w:0)
	/// Proof: `Policy::Policies` (`max_values`: None, `max_size`: Some(3530), added: 6005, mode: `MaxEncodedLen`)
	/// Storage: `Reencryption::NextRequestId` (r:1 w:1)
	/// Proof: `Reencryption::NextRequestId` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Reencryption::Deadlines` (r:1 w:1)
	/// Proof: `Reencryption::Deadlines` (`max_values`: None, `max_size`: Some(526), added: 3001, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(139), added: 2614, mode: `MaxEncodedLen`)
	/// Storage: `Reencryption::PolicyRequests` (r:0 w:1)
	/// Proof: `Reencryption::PolicyRequests` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `Reencryption::Requests` (r:0 w:1)
	/// Proof: `Reencryption::Requests` (`max_values`: None, `max_size`: Some(4272), added: 6747, mode: `MaxEncodedLen`)
	/// Storage: `Reencryption::NodeRequests` (r:0 w:32)
	/// Proof: `Reencryption::NodeRequests` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	fn request_reencryption(c: u32, ) -> Weight {
		// Proof size: measured `4284`, estimated `6995`.
		// Minimum execution time: 246_736_000 picoseconds.
		Weight::from_parts(265_128_318, 6995)
			.saturating_add(Weight::from_parts(55_754_763, 0).saturating_mul(c.into()))
			.saturating_add(Db::get().reads(5))
			.saturating_add(Db::get().writes(38))
	}
	/// Storage: `Reencryption::Requests` (r:1 w:1)
	/// Proof: `Reencryption::Requests` (`max_values`: None, `max_size`: Some(4272), added: 6747, mode: `MaxEncodedLen`)
	/// Storage: `Policy::Policies` (r:1 w:0)
	/// Proof: `Policy::Policies` (`max_values`: None, `max_size`: Some(3530), added: 6005, mode: `MaxEncodedLen`)
	/// Storage: `Staking::Ledger` (r:1 w:0)
	/// Proof: `Staking::Ledger` (`max_values`: None, `max_size`: Some(706), added: 3181, mode: `MaxEncodedLen`)
	/// Storage: `Reencryption::Strikes` (r:1 w:1)
	/// Proof: `Reencryption::Strikes` (`max_values`: None, `max_size`: Some(61), added: 2536, mode: `MaxEncodedLen`)
	/// Storage: `Reencryption::Answers` (r:0 w:1)
	/// Proof: `Reencryption::Answers` (`max_values`: None, `max_size`: Some(8289), added: 10764, mode: `MaxEncodedLen`)
	/// Storage: `Reencryption::NodeRequests` (r:0 w:32)
	/// Proof: `Reencryption::NodeRequests` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	fn submit_cfrags(c: u32, ) -> Weight {
		// Proof size: measured `6965 + c * 107`, estimated `7737`.
		// Minimum execution time: 483_888_000 picoseconds.
		Weight::from_parts(219_664_005, 7737)
			.saturating_add(Weight::from_parts(282_660_300, 0).saturating_mul(c.into()))
			.saturating_add(Db::get().reads(4))
			.saturating_add(Db::get().writes(35))
	}
	/// Storage: `Reencryption::Requests` (r:1 w:0)
	/// Proof: `Reencryption::Requests` (`max_values`: None, `max_size`: Some(4272), added: 6747, mode: `MaxEncodedLen`)
	/// Storage: `Policy::Policies` (r:1 w:0)
	/// Proof: `Policy::Policies` (`max_values`: None, `max_size`: Some(3530), added: 6005, mode: `MaxEncodedLen`)
	/// Storage: `Staking::Ledger` (r:1 w:0)
	/// Proof: `Staking::Ledger` (`max_values`: None, `max_size`: Some(706), added: 3181, mode: `MaxEncodedLen`)
	fn check_answer(c: u32, ) -> Weight {
		// Proof size: measured `6857 + c * 107`, estimated `7737`.
		// Minimum execution time: 48_082_000 picoseconds.
		Weight::from_parts(72_881_512, 7737)
			.saturating_add(Weight::from_parts(398_563, 0).saturating_mul(c.into()))
			.saturating_add(Db::get().reads(3))
	}
	/// Storage: `System::BlockHash` (r:1 w:0)
	/// Proof: `System::BlockHash` (`max_values`: None, `max_size`: Some(44), added: 2519, mode: `MaxEncodedLen`)
	/// Storage: `Reencryption::Requests` (r:1 w:0)
	/// Proof: `Reencryption::Requests` (`max_values`: None, `max_size`: Some(4272), added: 6747, mode: `MaxEncodedLen`)
	/// Storage: `Policy::Policies` (r:1 w:0)
	/// Proof: `Policy::Policies` (`max_values`: None, `max_size`: Some(3530), added: 6005, mode: `MaxEncodedLen`)
	/// Storage: `Staking::Ledger` (r:1 w:0)
	/// Proof: `Staking::Ledger` (`max_values`: None, `max_size`: Some(706), added: 3181, mode: `MaxEncodedLen`)
	fn authorize_submit_node_answer(c: u32, ) -> Weight {
		// Proof size: measured `6911 + c * 107`, estimated `7737`.
		// Minimum execution time: 124_145_000 picoseconds.
		Weight::from_parts(142_132_841, 7737)
			.saturating_add(Weight::from_parts(6_382_087, 0).saturating_mul(c.into()))
			.saturating_add(Db::get().reads(4))
	}
	/// Storage: `Reencryption::Requests` (r:1 w:1)
	/// Proof: `Reencryption::Requests` (`max_values`: None, `max_size`: Some(4272), added: 6747, mode: `MaxEncodedLen`)
	/// Storage: `Policy::Policies` (r:1 w:0)
	/// Proof: `Policy::Policies` (`max_values`: None, `max_size`: Some(3530), added: 6005, mode: `MaxEncodedLen`)
	/// Storage: `Staking::Ledger` (r:1 w:1)
	/// Proof: `Staking::Ledger` (`max_values`: None, `max_size`: Some(706), added: 3181, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(139), added: 2614, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Staking::Candidates` (r:1 w:1)
	/// Proof: `Staking::Candidates` (`max_values`: Some(1), `max_size`: Some(12290), added: 12785, mode: `MaxEncodedLen`)
	/// Storage: `Staking::SlashHistory` (r:1 w:1)
	/// Proof: `Staking::SlashHistory` (`max_values`: None, `max_size`: Some(1169), added: 3644, mode: `MaxEncodedLen`)
	/// Storage: `Reencryption::NodeRequests` (r:0 w:1)
	/// Proof: `Reencryption::NodeRequests` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	fn submit_wrong_cfrag(c: u32, ) -> Weight {
		// Proof size: measured `9266 + c * 107`, estimated `13775`.
		// Minimum execution time: 852_816_000 picoseconds.
		Weight::from_parts(1_025_660_930, 13775)
			.saturating_add(Weight::from_parts(252_132_750, 0).saturating_mul(c.into()))
			.saturating_add(Db::get().reads(7))
			.saturating_add(Db::get().writes(7))
	}
	/// Storage: `Reencryption::Requests` (r:1 w:1)
	/// Proof: `Reencryption::Requests` (`max_values`: None, `max_size`: Some(4272), added: 6747, mode: `MaxEncodedLen`)
	/// Storage: `Policy::Policies` (r:1 w:1)
	/// Proof: `Policy::Policies` (`max_values`: None, `max_size`: Some(3530), added: 6005, mode: `MaxEncodedLen`)
	/// Storage: `Reencryption::Strikes` (r:32 w:32)
	/// Proof: `Reencryption::Strikes` (`max_values`: None, `max_size`: Some(61), added: 2536, mode: `MaxEncodedLen`)
	/// Storage: `Staking::Ledger` (r:32 w:32)
	/// Proof: `Staking::Ledger` (`max_values`: None, `max_size`: Some(706), added: 3181, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:32 w:32)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(139), added: 2614, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:32 w:32)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Staking::Candidates` (r:1 w:1)
	/// Proof: `Staking::Candidates` (`max_values`: Some(1), `max_size`: Some(12290), added: 12785, mode: `MaxEncodedLen`)
	/// Storage: `Staking::SlashHistory` (r:32 w:32)
	/// Proof: `Staking::SlashHistory` (`max_values`: None, `max_size`: Some(1169), added: 3644, mode: `MaxEncodedLen`)
	/// Storage: `Reencryption::NodeRequests` (r:0 w:32)
	/// Proof: `Reencryption::NodeRequests` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	fn close_request(n: u32, ) -> Weight {
		// Proof size: measured `1391 + n * 499`, estimated `13775 + n * 3644`.
		// Minimum execution time: 113_458_000 picoseconds.
		Weight::from_parts(13_012_162, 13775)
			.saturating_add(Weight::from_parts(84_711_482, 0).saturating_mul(n.into()))
			.saturating_add(Db::get().reads(3))
			.saturating_add(Db::get().reads((5_u64).saturating_mul(n.into())))
			.saturating_add(Db::get().writes(3))
			.saturating_add(Db::get().writes((6_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 3644).saturating_mul(n.into()))
	}
	/// Storage: `Reencryption::Requests` (r:1 w:1)
	/// Proof: `Reencryption::Requests` (`max_values`: None, `max_size`: Some(4272), added: 6747, mode: `MaxEncodedLen`)
	/// Storage: `Reencryption::Answers` (r:32 w:32)
	/// Proof: `Reencryption::Answers` (`max_values`: None, `max_size`: Some(8289), added: 10764, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(139), added: 2614, mode: `MaxEncodedLen`)
	/// Storage: `Reencryption::PolicyRequests` (r:0 w:1)
	/// Proof: `Reencryption::PolicyRequests` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	fn remove_request(n: u32, ) -> Weight {
		// Proof size: measured `2270 + n * 165`, estimated `7737 + n * 10764`.
		// Minimum execution time: 88_391_000 picoseconds.
		Weight::from_parts(128_079_162, 7737)
			.saturating_add(Weight::from_parts(1_105_857, 0).saturating_mul(n.into()))
			.saturating_add(Db::get().reads(3))
			.saturating_add(Db::get().reads((1_u64).saturating_mul(n.into())))
			.saturating_add(Db::get().writes(4))
			.saturating_add(Db::get().writes((1_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 10764).saturating_mul(n.into()))
	}
	fn reencrypt_in_worker(c: u32, ) -> Weight {
		// Proof size: measured `0`, estimated `0`.
		// Minimum execution time: 1_615_378_000 picoseconds.
		Weight::from_parts(19_708_986, 0)
			.saturating_add(Weight::from_parts(1_556_483_921, 0).saturating_mul(c.into()))
	}
}
