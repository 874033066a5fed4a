//! What other pallets and clients ask of staking, and payments to nodes.

use alloc::vec::Vec;
use codec::Encode;
use frame_support::{
	ensure,
	pallet_prelude::DispatchResult,
	traits::{fungible::Mutate, tokens::Preservation, Get},
};
use nkms_primitives::{
	staking::{NodeKeyOwner, NodeRegistry, RewardNode, SampleError},
	NodeKey, UmbralPublicKey,
};
use sp_runtime::traits::{SaturatedConversion, Zero};

use crate::*;

impl<T: Config> Pallet<T> {
	/// `n` distinct active nodes, each draw picking a remaining node with probability
	/// proportional to its elected stake. Draw `i` uses the 128-bit number
	/// `blake2_128(SCALE(seed, i))` modulo the remaining total stake, walking the remaining nodes
	/// in their stored order, so any client can repeat it.
	pub fn sample(seed: &[u8; 32], n: u32) -> Result<Vec<T::AccountId>, SampleError> {
		let mut pool: Vec<(T::AccountId, u128)> = ActiveNodes::<T>::get()
			.into_iter()
			.map(|(who, stake)| (who, stake.saturated_into::<u128>().max(1)))
			.collect();
		if n as usize > pool.len() {
			return Err(SampleError::NotEnoughNodes { active: pool.len() as u32 });
		}
		let mut sample = Vec::with_capacity(n as usize);
		for draw in 0..n {
			let total = pool.iter().fold(0u128, |sum, (_, weight)| sum.saturating_add(*weight));
			let mut point =
				u128::from_le_bytes(sp_io::hashing::blake2_128(&(seed, draw).encode())) % total;
			let index = pool
				.iter()
				.position(|(_, weight)| {
					if point < *weight {
						return true;
					}
					point -= weight;
					false
				})
				.unwrap_or(pool.len() - 1);
			sample.push(pool.remove(index).0);
		}
		Ok(sample)
	}
}

impl<T: Config> NodeRegistry<T::AccountId> for Pallet<T> {
	type Balance = BalanceOf<T>;

	fn is_active(who: &T::AccountId) -> bool {
		ActiveStake::<T>::contains_key(who)
	}

	fn can_serve(who: &T::AccountId) -> bool {
		Self::is_active(who)
			&& Ledger::<T>::get(who).is_some_and(|ledger| {
				ledger.wants_to_validate && ledger.active >= T::MinStake::get()
			})
	}

	fn stake_of(who: &T::AccountId) -> BalanceOf<T> {
		Ledger::<T>::get(who).map_or_else(Zero::zero, |ledger| ledger.active)
	}

	fn has_min_stake(who: &T::AccountId) -> bool {
		Self::stake_of(who) >= T::MinStake::get()
	}

	fn umbral_key_of(who: &T::AccountId) -> Option<UmbralPublicKey> {
		UmbralKeys::<T>::get(who)
	}

	fn active_nodes() -> Vec<(T::AccountId, BalanceOf<T>)> {
		ActiveNodes::<T>::get().into_inner()
	}

	fn sample_active_nodes(seed: &[u8; 32], n: u32) -> Result<Vec<T::AccountId>, SampleError> {
		Self::sample(seed, n)
	}

	fn staker_of_node_key(key: &NodeKey) -> Option<T::AccountId> {
		T::NodeKeyOwner::owner_of(key.as_ref()).filter(|staker| Ledger::<T>::contains_key(staker))
	}

	fn staker_acting_as(caller: &T::AccountId) -> Option<T::AccountId> {
		Self::staker_of_caller(caller).ok()
	}
}

impl<T: Config> RewardNode<T::AccountId> for Pallet<T> {
	type Balance = BalanceOf<T>;

	fn reward(node: &T::AccountId, payer: &T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
		ensure!(Ledger::<T>::contains_key(node), Error::<T>::NotStaker);
		T::Currency::transfer(payer, node, amount, Preservation::Expendable)?;
		Self::deposit_event(Event::Rewarded { node: node.clone(), amount });
		Ok(())
	}
}
