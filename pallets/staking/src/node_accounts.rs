//! The accounts of the stakers' `nkms` session keys. The pallet keeps one sufficient reference
//! on the account of each candidate's current `nkms` key, so that its node's off-chain worker can
//! send transactions (its Umbral key registration, its answers; both free) from an account that
//! nobody funded. The reference moves when the key changes and goes with the staker.

use crate::*;

impl<T: Config> Pallet<T> {
	/// Moves `staker`'s reference to the account of its current `nkms` key, if it has one. Done
	/// when it validates and, while it is a candidate with session keys, at each election.
	pub(crate) fn keep_node_account(staker: &T::AccountId) {
		let current = T::NodeKeyOwner::node_account_of(staker);
		if NodeKeyAccounts::<T>::get(staker) == current {
			return;
		}
		Self::release_node_account(staker);
		if let Some(account) = current {
			frame_system::Pallet::<T>::inc_sufficients(&account);
			NodeKeyAccounts::<T>::insert(staker, &account);
			Self::deposit_event(Event::NodeKeyAccountKept { staker: staker.clone(), account });
		}
	}

	/// Drops `staker`'s reference on its `nkms` key's account.
	pub(crate) fn release_node_account(staker: &T::AccountId) {
		if let Some(account) = NodeKeyAccounts::<T>::take(staker) {
			let _ = frame_system::Pallet::<T>::dec_sufficients(&account);
			Self::deposit_event(Event::NodeKeyAccountReleased { staker: staker.clone(), account });
		}
	}
}
