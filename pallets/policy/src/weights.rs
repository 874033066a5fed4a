// This file is part of NKMS Chain. SPDX-License-Identifier: GPL-3.0-only

//! Weights of `pallet_nkms_policy`: placeholders until `scripts/benchmark.sh` measures them.

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]

use core::marker::PhantomData;
use frame_support::{traits::Get, weights::{RuntimeDbWeight, Weight}};

/// The weight of each call and of the reaping of this pallet.
pub trait WeightInfo {
	/// `create_policy`, `n` in `[1, 32]`.
	fn create_policy(n: u32, ) -> Weight;
	/// `revoke_policy`, `n` in `[1, 32]`.
	fn revoke_policy(n: u32, ) -> Weight;
	/// `revoke_node`, `n` in `[2, 32]`.
	fn revoke_node(n: u32, ) -> Weight;
	/// `extend_policy`, `n` in `[1, 32]`.
	fn extend_policy(n: u32, ) -> Weight;
	/// `claim_fees`, `c` in `[1, 16]`.
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
}

/// The measured weights, with database costs from `Db`.
pub struct MeasuredWeights<Db>(PhantomData<Db>);

/// The measured weights with the runtime's database costs.
pub type SubstrateWeight<T> = MeasuredWeights<<T as frame_system::Config>::DbWeight>;

impl<Db: Get<RuntimeDbWeight>> WeightInfo for MeasuredWeights<Db> {
	fn create_policy(n: u32, ) -> Weight {
		Weight::from_parts(1_000_000_000, 0).saturating_mul(n.into())
	}
	fn revoke_policy(n: u32, ) -> Weight {
		Weight::from_parts(1_000_000_000, 0).saturating_mul(n.into())
	}
	fn revoke_node(n: u32, ) -> Weight {
		Weight::from_parts(1_000_000_000, 0).saturating_mul(n.into())
	}
	fn extend_policy(n: u32, ) -> Weight {
		Weight::from_parts(1_000_000_000, 0).saturating_mul(n.into())
	}
	fn claim_fees(c: u32, ) -> Weight {
		Weight::from_parts(1_000_000_000, 0).saturating_mul(c.into())
	}
	fn reap_policy(n: u32, ) -> Weight {
		Weight::from_parts(1_000_000_000, 0).saturating_mul(n.into())
	}
	fn settle_due(n: u32, ) -> Weight {
		Weight::from_parts(1_000_000_000, 0).saturating_mul(n.into())
	}
	fn walk_settlement_queue(b: u32, ) -> Weight {
		Weight::from_parts(1_000_000, 0).saturating_mul((b + 1).into())
	}
	fn set_min_fee_rate() -> Weight {
		Weight::from_parts(1_000_000_000, 0)
	}
	fn set_fee_rate_range() -> Weight {
		Weight::from_parts(1_000_000_000, 0)
	}
}
