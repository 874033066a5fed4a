//! The validator set: election at each session rotation, and the per-session reward.

use alloc::vec::Vec;
use frame_support::{
	defensive,
	pallet_prelude::Weight,
	traits::{fungible::Mutate, Get, ValidatorRegistration},
};
use pallet_session::historical;
use sp_runtime::{
	helpers_128bit::multiply_by_rational_with_rounding,
	traits::{SaturatedConversion, Zero},
	Rounding,
};
use sp_staking::SessionIndex;

use crate::*;

impl<T: Config> Pallet<T> {
	/// The worst case of the work of a rotation: planning a session among `MaxCandidates`
	/// candidates, paying the reward to `MaxValidators` nodes and activating a set of as many.
	pub(crate) fn rotation_weight() -> Weight {
		let validators = T::MaxValidators::get();
		T::WeightInfo::plan_session(T::MaxCandidates::get())
			.saturating_add(T::WeightInfo::pay_session_reward(validators))
			.saturating_add(T::WeightInfo::start_session(validators))
	}

	/// The first `MaxValidators` candidates in rank order that have at least `MinStake`, session
	/// keys and an Umbral key. Every candidate looked at that has enough stake and session keys
	/// gets the account of its `nkms` key kept alive, so that its node can register an Umbral key
	/// if it has none.
	pub(crate) fn elect() -> NodeSetOf<T> {
		Self::elect_among(|who| UmbralKeys::<T>::contains_key(who))
	}

	/// The set of the first two sessions: as [`Self::elect`], without the need for an Umbral
	/// key, which the genesis stakers' nodes register in the first blocks.
	fn elect_at_genesis() -> NodeSetOf<T> {
		Self::elect_among(|_| true)
	}

	fn elect_among(has_umbral_key: impl Fn(&T::AccountId) -> bool) -> NodeSetOf<T> {
		let min_stake = T::MinStake::get();
		let eligible = Candidates::<T>::get()
			.into_iter()
			.filter(|(who, stake)| {
				if *stake < min_stake || !T::SessionKeys::is_registered(who) {
					return false;
				}
				Self::keep_node_account(who);
				has_umbral_key(who)
			})
			.take(T::MaxValidators::get() as usize);
		NodeSetOf::<T>::truncate_from(eligible.collect())
	}

	/// Forgets the offences of the session that can no longer be reported at the planning of
	/// session `session` (it is `HistoryDepth + 1` sessions older).
	pub(crate) fn prune_offences(session: SessionIndex) {
		let Some(expired) = session.checked_sub(T::HistoryDepth::get().saturating_add(1)) else {
			return;
		};
		let result = OffenceSlashes::<T>::clear_prefix(expired, T::MaxValidators::get(), None);
		if result.maybe_cursor.is_some() {
			defensive!("more offenders in a session than validators");
		}
	}

	/// Makes the planned set the active one and re-enables the validators disabled in the
	/// session that ended. Nodes that leave the active set and hold nothing any more are
	/// removed.
	pub(crate) fn activate_planned() {
		T::ValidatorDisabling::reenable_all();
		let planned = PlannedNodes::<T>::get();
		let leaving = ActiveNodes::<T>::get();
		for (node, _) in &leaving {
			ActiveStake::<T>::remove(node);
		}
		for (node, stake) in &planned {
			ActiveStake::<T>::insert(node, stake);
		}
		for (node, _) in &leaving {
			if ActiveStake::<T>::contains_key(node) {
				continue;
			}
			if let Some(ledger) = Ledger::<T>::get(node) {
				Self::remove_if_empty(node, &ledger);
			}
		}
		ActiveNodes::<T>::put(planned);
	}

	/// Elects the set of session `session`; `None` if its members are those already planned,
	/// or if nobody is eligible (pallet-session then keeps the current set).
	pub(crate) fn plan_session(session: SessionIndex) -> Option<NodeSetOf<T>> {
		Self::prune_offences(session);
		let elected = Self::elect();
		if elected.is_empty() {
			log::warn!(target: LOG_TARGET, "no eligible validator for session {session}: keeping the set");
			PlannedNodes::<T>::put(ActiveNodes::<T>::get());
			return None;
		}
		let members = |set: &NodeSetOf<T>| {
			let mut accounts: Vec<_> = set.iter().map(|(who, _)| who.clone()).collect();
			accounts.sort();
			accounts
		};
		let unchanged = members(&elected) == members(&PlannedNodes::<T>::get());
		PlannedNodes::<T>::put(&elected);
		Self::deposit_event(Event::NodesElected { session, validators: elected.len() as u32 });
		(!unchanged).then_some(elected)
	}

	/// Mints the session reward for the ending session's validators, by elected stake.
	pub(crate) fn pay_session_reward() {
		let reward = SessionReward::<T>::get();
		if reward.is_zero() {
			return;
		}
		let nodes = ActiveNodes::<T>::get();
		let total = saturating_sum(nodes.iter().map(|(_, stake)| *stake));
		if total.is_zero() {
			return;
		}
		for (node, stake) in nodes {
			let share: BalanceOf<T> = multiply_by_rational_with_rounding(
				reward.saturated_into(),
				stake.saturated_into(),
				total.saturated_into(),
				Rounding::Down,
			)
			.unwrap_or_default()
			.saturated_into();
			if !share.is_zero() && T::Currency::mint_into(&node, share).is_ok() {
				Self::deposit_event(Event::Rewarded { node, amount: share });
			}
		}
	}
}

impl<T: Config> pallet_session::SessionManager<T::AccountId> for Pallet<T> {
	fn new_session(session: SessionIndex) -> Option<Vec<T::AccountId>> {
		Self::plan_session(session).map(|set| set.into_iter().map(|(who, _)| who).collect())
	}

	fn new_session_genesis(session: SessionIndex) -> Option<Vec<T::AccountId>> {
		// Genesis asks for sessions 0 and 1 and needs an answer for both.
		let set = Self::elect_at_genesis();
		PlannedNodes::<T>::put(&set);
		if set.is_empty() {
			return None;
		}
		Self::deposit_event(Event::NodesElected { session, validators: set.len() as u32 });
		Some(set.into_iter().map(|(who, _)| who).collect())
	}

	fn start_session(session: SessionIndex) {
		CurrentSession::<T>::put(session);
		Self::activate_planned();
	}

	fn end_session(_: SessionIndex) {
		Self::pay_session_reward();
	}
}

/// Validators are identified by their account alone: slashes apply to the stake held when the
/// offence is handled, which includes stake unbonded since.
impl<T: Config> historical::SessionManager<T::AccountId, ()> for Pallet<T> {
	fn new_session(session: SessionIndex) -> Option<Vec<(T::AccountId, ())>> {
		<Self as pallet_session::SessionManager<_>>::new_session(session)
			.map(|set| set.into_iter().map(|who| (who, ())).collect())
	}

	fn new_session_genesis(session: SessionIndex) -> Option<Vec<(T::AccountId, ())>> {
		<Self as pallet_session::SessionManager<_>>::new_session_genesis(session)
			.map(|set| set.into_iter().map(|who| (who, ())).collect())
	}

	fn start_session(session: SessionIndex) {
		<Self as pallet_session::SessionManager<_>>::start_session(session)
	}

	fn end_session(session: SessionIndex) {
		<Self as pallet_session::SessionManager<_>>::end_session(session)
	}
}

/// The full identification of a validator for pallet-session's historical module: `()` for
/// every staker.
pub struct StakerIdentification<T>(core::marker::PhantomData<T>);

impl<T: Config> sp_runtime::traits::Convert<T::AccountId, Option<()>> for StakerIdentification<T> {
	fn convert(who: T::AccountId) -> Option<()> {
		Ledger::<T>::contains_key(&who).then_some(())
	}
}

/// The `nkms` session key belongs to this pallet: pallet-session registers it next to Aura's
/// and GRANDPA's, and [`NodeRegistry::staker_of_node_key`] maps it back to its staker.
impl<T: Config> sp_runtime::BoundToRuntimeAppPublic for Pallet<T> {
	type Public = nkms_primitives::NodeKey;
}

impl<T: Config> frame_support::traits::OneSessionHandler<T::AccountId> for Pallet<T> {
	type Key = nkms_primitives::NodeKey;

	fn on_genesis_session<'a, I>(_: I)
	where
		I: 'a + Iterator<Item = (&'a T::AccountId, Self::Key)>,
	{
	}

	fn on_new_session<'a, I>(_: bool, _: I, _: I)
	where
		I: 'a + Iterator<Item = (&'a T::AccountId, Self::Key)>,
	{
	}

	fn on_disabled(_: u32) {}
}
