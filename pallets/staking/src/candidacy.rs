//! The candidate list: the stakers that want to validate, strongest first, at most
//! `MaxCandidates` of them. A staker that outranks the weakest candidate of a full list takes its
//! place, so no number of small stakes can keep a larger one out.

use frame_support::{ensure, pallet_prelude::DispatchResult, traits::Get, BoundedVec};

use crate::*;

/// What happened when a staker tried to enter the candidate list.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Entry<AccountId> {
	/// It is on the list; it pushed out this candidate, if any.
	Entered { evicted: Option<AccountId> },
	/// The list is full of candidates with at least as much stake.
	Outranked,
}

impl<T: Config> Pallet<T> {
	/// Whether `who` is on the candidate list.
	pub fn is_candidate(who: &T::AccountId) -> bool {
		Candidates::<T>::get().iter().any(|(candidate, _)| candidate == who)
	}

	/// Puts `who`, with `stake` active, on the candidate list in its rank. On a full list it must
	/// have more stake than the weakest candidate, which then leaves the list but keeps wanting
	/// to validate. Deposits `Validating` (and `CandidateEvicted`).
	pub(crate) fn enter_candidates(who: &T::AccountId, stake: BalanceOf<T>) -> Entry<T::AccountId> {
		let entry = Candidates::<T>::mutate(|list| insert_ranked(list, who, stake));
		if let Entry::Entered { evicted } = &entry {
			Self::deposit_event(Event::Validating { staker: who.clone() });
			if let Some(evicted) = evicted {
				Self::deposit_event(Event::CandidateEvicted {
					staker: evicted.clone(),
					by: who.clone(),
				});
			}
		}
		entry
	}

	/// Stores `who`'s ledger after its active stake changed and keeps the candidate list in
	/// step: a staker left below `MinStake` is chilled; a candidate moves to its new rank; a
	/// staker that wants to validate but is not on the list enters it if it now outranks the
	/// weakest candidate.
	pub(crate) fn put_ledger(who: &T::AccountId, mut ledger: LedgerOf<T>) {
		let chilled = ledger.wants_to_validate && ledger.active < T::MinStake::get();
		if chilled {
			ledger.wants_to_validate = false;
		}
		let (active, wants_to_validate) = (ledger.active, ledger.wants_to_validate);
		Ledger::<T>::insert(who, ledger);
		if chilled {
			Candidates::<T>::mutate(|list| remove(list, who));
			Self::deposit_event(Event::Chilled { staker: who.clone() });
			return;
		}
		if !wants_to_validate {
			return;
		}
		let ranked = Candidates::<T>::mutate(|list| {
			let listed = remove(list, who);
			if listed {
				// Room was just made, so it goes back in.
				let _ = insert_ranked(list, who, active);
			}
			listed
		});
		if !ranked {
			Self::enter_candidates(who, active);
		}
	}

	/// Makes `who` (a staker with at least `MinStake` active) want to validate and puts it on
	/// the list if it can; a staker already waiting must now outrank the weakest candidate.
	pub(crate) fn do_validate(who: &T::AccountId) -> DispatchResult {
		let mut ledger = Ledger::<T>::get(who).ok_or(Error::<T>::NotStaker)?;
		ensure!(ledger.active >= T::MinStake::get(), Error::<T>::BelowMinStake);
		ensure!(!Self::is_candidate(who), Error::<T>::AlreadyValidating);
		let was_waiting = ledger.wants_to_validate;
		if let Entry::Outranked = Self::enter_candidates(who, ledger.active) {
			ensure!(!was_waiting, Error::<T>::OutrankedByAllCandidates);
			Self::deposit_event(Event::Waiting { staker: who.clone() });
		}
		if !was_waiting {
			ledger.wants_to_validate = true;
			Ledger::<T>::insert(who, ledger);
		}
		Self::keep_node_account(who);
		Ok(())
	}

	/// Ends `who`'s wish to validate and takes it off the list.
	pub(crate) fn do_chill(who: &T::AccountId) -> DispatchResult {
		let mut ledger = Ledger::<T>::get(who).ok_or(Error::<T>::NotStaker)?;
		ensure!(ledger.wants_to_validate, Error::<T>::NotValidating);
		ledger.wants_to_validate = false;
		Ledger::<T>::insert(who, ledger);
		Candidates::<T>::mutate(|list| remove(list, who));
		Self::deposit_event(Event::Chilled { staker: who.clone() });
		Ok(())
	}
}

/// Inserts `who` with `stake` at its rank; on a full list only with more stake than the last
/// candidate, which is removed and returned.
fn insert_ranked<A: Ord + Clone, B: Ord + Copy, S: Get<u32>>(
	list: &mut BoundedVec<(A, B), S>,
	who: &A,
	stake: B,
) -> Entry<A> {
	let mut evicted = None;
	if list.is_full() {
		match list.last() {
			Some((_, weakest)) if stake > *weakest => evicted = list.pop().map(|(who, _)| who),
			_ => return Entry::Outranked,
		}
	}
	let at =
		list.partition_point(|(other, other_stake)| outranks((other, other_stake), (who, &stake)));
	match list.try_insert(at, (who.clone(), stake)) {
		Ok(()) => Entry::Entered { evicted },
		// Unreachable: there is room, made above if needed.
		Err(_) => Entry::Outranked,
	}
}

/// Removes `who` from the list; whether it was there.
pub(crate) fn remove<A: PartialEq, B, S: Get<u32>>(
	list: &mut BoundedVec<(A, B), S>,
	who: &A,
) -> bool {
	let before = list.len();
	list.retain(|(other, _)| other != who);
	list.len() != before
}

#[cfg(test)]
mod tests {
	use super::*;
	use frame_support::traits::ConstU32;

	type List = BoundedVec<(u64, u64), ConstU32<3>>;

	fn list(entries: &[(u64, u64)]) -> List {
		BoundedVec::truncate_from(entries.to_vec())
	}

	#[test]
	fn entries_go_to_their_rank() {
		let mut candidates = list(&[(5, 300), (2, 100)]);
		assert_eq!(insert_ranked(&mut candidates, &9, 100), Entry::Entered { evicted: None });
		assert_eq!(candidates, list(&[(5, 300), (2, 100), (9, 100)]));
		let mut candidates = list(&[(5, 300), (2, 100)]);
		assert_eq!(insert_ranked(&mut candidates, &1, 100), Entry::Entered { evicted: None });
		assert_eq!(candidates, list(&[(5, 300), (1, 100), (2, 100)]));
	}

	#[test]
	fn a_full_list_takes_only_more_stake_than_its_weakest() {
		let mut candidates = list(&[(5, 300), (2, 200), (7, 100)]);
		assert_eq!(insert_ranked(&mut candidates, &1, 100), Entry::Outranked);
		assert_eq!(candidates, list(&[(5, 300), (2, 200), (7, 100)]));
		assert_eq!(insert_ranked(&mut candidates, &8, 101), Entry::Entered { evicted: Some(7) });
		assert_eq!(candidates, list(&[(5, 300), (2, 200), (8, 101)]));
		assert_eq!(insert_ranked(&mut candidates, &9, 1_000), Entry::Entered { evicted: Some(8) });
		assert_eq!(candidates, list(&[(9, 1_000), (5, 300), (2, 200)]));
	}

	#[test]
	fn removal_says_whether_it_found_the_candidate() {
		let mut candidates = list(&[(5, 300), (2, 200)]);
		assert!(remove(&mut candidates, &5));
		assert!(!remove(&mut candidates, &5));
		assert_eq!(candidates, list(&[(2, 200)]));
	}
}
