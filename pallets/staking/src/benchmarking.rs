//! Benchmarks of every call, the session work and slashing, each in its worst case.

// A benchmark whose setup fails must stop loudly.
#![allow(clippy::expect_used, clippy::indexing_slicing)]

use alloc::{vec, vec::Vec};
use codec::Encode;
use frame_benchmarking::v2::*;
use frame_support::{
	pallet_prelude::{Get, Weight},
	traits::{
		fungible::{Inspect, Mutate, MutateHold},
		EnsureOrigin,
	},
	BoundedVec,
};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use nkms_primitives::{
	staking::umbral_key_proof_message,
	umbral_pre::{SecretKey, SecretKeyFactory, Signer},
	UmbralPublicKey, UmbralSignature,
};
use rand_chacha::{rand_core::SeedableRng, ChaCha20Rng};
use sp_runtime::{
	traits::{Bounded, One, Zero},
	Perbill,
};
use sp_staking::offence::{OffenceDetails, OnOffenceHandler};

use crate::*;

/// What the benchmarks need from the pallets this one talks to.
pub trait BenchmarkHelper<AccountId> {
	/// Registers session keys for `who` (so it can be elected) and returns the account of its
	/// `nkms` session key.
	fn register_session_keys(who: &AccountId) -> AccountId;
	/// Makes `validators` the current session's validators (for disabling).
	fn set_session_validators(validators: Vec<AccountId>);
	/// Gives `node` as many ended policy obligations as it can have: the most the policy
	/// pallet reads to tell that it serves no live policy.
	fn fill_ended_obligations(node: &AccountId);
}

/// What a staker made here bonds: ten times the minimum, more than the fillers.
fn stake<T: Config>() -> BalanceOf<T> {
	T::MinStake::get() * 10u32.into()
}

fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who = account(name, index, 0);
	T::Currency::set_balance(&who, stake::<T>() * 100u32.into());
	who
}

/// A valid Umbral key that differs for each `name` and `index`.
fn umbral_key(name: &str, index: u32) -> UmbralPublicKey {
	UmbralPublicKey::from_umbral(&umbral_secret(name, index).public_key())
		.expect("a point compresses")
}

/// The secret key of [`umbral_key`].
fn umbral_secret(name: &str, index: u32) -> SecretKey {
	let factory = SecretKeyFactory::from_secure_randomness(&[0u8; 32]).expect("a 32-byte seed");
	factory.make_key(&(name, index).encode())
}

/// The proof that the holder of `secret` registers its key for `staker`.
fn key_proof<T: Config>(secret: &SecretKey, staker: &T::AccountId) -> UmbralSignature {
	let genesis = frame_system::Pallet::<T>::block_hash(BlockNumberFor::<T>::zero());
	let message = umbral_key_proof_message(staker, genesis.as_ref());
	let signature =
		Signer::new(secret.clone()).sign_with_rng(&mut ChaCha20Rng::from_seed([7; 32]), &message);
	UmbralSignature::from_umbral(&signature).expect("64 bytes")
}

/// A staker of `amount` with an Umbral key and session keys, its `nkms` key account kept alive.
fn bonded<T: Config>(name: &'static str, index: u32, amount: BalanceOf<T>) -> T::AccountId {
	let who = bonded_without_session_keys::<T>(name, index, amount);
	T::BenchmarkHelper::register_session_keys(&who);
	Pallet::<T>::keep_node_account(&who);
	who
}

/// A staker of `amount` with an Umbral key but no session keys: it cannot be elected, and the
/// election checks all of it.
fn bonded_without_session_keys<T: Config>(
	name: &'static str,
	index: u32,
	amount: BalanceOf<T>,
) -> T::AccountId {
	let who = funded::<T>(name, index);
	Pallet::<T>::do_bond(&who, amount).expect("funded");
	Pallet::<T>::do_set_umbral_key(&who, umbral_key(name, index)).expect("fresh key");
	who
}

/// A staker of [`stake`] with session keys and an Umbral key.
fn staker<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	bonded::<T>(name, index, stake::<T>())
}

/// Fills the candidate list with stakers of `MinStake` until `room` places are left.
fn fill_candidates<T: Config>(room: u32) {
	let target = T::MaxCandidates::get().saturating_sub(room) as usize;
	let mut index = 0;
	while Candidates::<T>::decode_len().unwrap_or(0) < target {
		bonded::<T>("candidate", index, T::MinStake::get());
		index += 1;
	}
}

/// A staker of `MinStake` that wants to validate but waits, outranked by a full list.
fn waiting_staker<T: Config>() -> T::AccountId {
	fill_candidates::<T>(0);
	let who = bonded::<T>("staker", 0, T::MinStake::get());
	assert!(!Pallet::<T>::is_candidate(&who) && Ledger::<T>::get(&who).is_some());
	who
}

/// Plans a full next set of other stakers, so that checks of the planned set read all of it.
fn plan_full_set<T: Config>() {
	for index in 0..T::MaxValidators::get() {
		staker::<T>("planned", index);
	}
	Pallet::<T>::plan_session(1);
}

/// Gives `who` `MaxUnlockingChunks - room` unlocking chunks of `MinStake` each, one per block.
fn fill_unlocking<T: Config>(who: &T::AccountId, room: u32) {
	let mut ledger = Ledger::<T>::get(who).expect("staker");
	let chunks = T::MaxUnlockingChunks::get().saturating_sub(room);
	for _ in 0..chunks {
		let block = frame_system::Pallet::<T>::block_number();
		T::Currency::set_balance(who, T::Currency::balance(who) + T::MinStake::get());
		T::Currency::hold(&HoldReason::Staking.into(), who, T::MinStake::get()).expect("funded");
		ledger.active += T::MinStake::get();
		ledger
			.unbond(T::MinStake::get(), block + T::UnbondingPeriod::get())
			.expect("room for a chunk");
		frame_system::Pallet::<T>::set_block_number(block + One::one());
	}
	Ledger::<T>::insert(who, ledger);
}

/// Fills `who`'s slash history.
fn fill_history<T: Config>(who: &T::AccountId) {
	let record = SlashRecord {
		at: frame_system::Pallet::<T>::block_number(),
		amount: T::MinStake::get(),
		reason: SlashReason::Unresponsive,
		reporter: None,
		reporter_reward: 0u32.into(),
	};
	let history =
		BoundedVec::truncate_from((0..T::MaxSlashRecords::get()).map(|_| record.clone()).collect());
	SlashHistory::<T>::insert(who, history);
}

/// A candidate on a full list, with full chunks and history, while a full set of others is
/// planned.
fn slash_victim<T: Config>() -> T::AccountId {
	plan_full_set::<T>();
	fill_candidates::<T>(1);
	let who = staker::<T>("victim", 0);
	fill_unlocking::<T>(&who, 0);
	fill_history::<T>(&who);
	who
}

/// Makes `who` a node of the current session, with `MaxValidators` validators of which as many
/// as can be (a third) are disabled for a lesser offence: a new offence of `who` re-enables one
/// of them.
fn elect_among_disabled<T: Config>(who: &T::AccountId) {
	ActiveStake::<T>::insert(who, stake::<T>());
	ActiveNodes::<T>::mutate(|nodes| {
		nodes.try_push((who.clone(), stake::<T>())).expect("room for one more");
	});
	let others: Vec<T::AccountId> =
		(1..T::MaxValidators::get()).map(|i| account("validator", i, 0)).collect();
	let mut validators = others.clone();
	validators.push(who.clone());
	T::BenchmarkHelper::set_session_validators(validators);
	let disabled = (T::MaxValidators::get() as usize).saturating_sub(1) / 3;
	for other in others.iter().take(disabled) {
		T::ValidatorDisabling::disable(other, Perbill::from_percent(1));
	}
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// A bond that evicts the weakest of a full list.
	#[benchmark]
	fn bond() {
		fill_candidates::<T>(0);
		let who = funded::<T>("staker", 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), stake::<T>());
		assert!(Pallet::<T>::is_candidate(&who));
	}

	/// A waiting staker that enters a full list, evicting its weakest.
	#[benchmark]
	fn bond_extra() {
		let who = waiting_staker::<T>();
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), T::MinStake::get());
		assert!(Pallet::<T>::is_candidate(&who));
	}

	/// Unbonds everything (which chills) with a full candidate list, one free chunk and as
	/// many ended policy obligations as a node can have.
	#[benchmark]
	fn unbond() {
		fill_candidates::<T>(1);
		let who = staker::<T>("staker", 0);
		fill_unlocking::<T>(&who, 1);
		T::BenchmarkHelper::fill_ended_obligations(&who);
		let active = Ledger::<T>::get(&who).expect("staker").active;
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), active);
		assert!(!Pallet::<T>::is_candidate(&who));
	}

	/// Withdraws a full set of unlocked chunks and removes the staker with a full history,
	/// after reading a full planned set.
	#[benchmark]
	fn withdraw_unbonded() {
		plan_full_set::<T>();
		let who = staker::<T>("staker", 0);
		let active = Ledger::<T>::get(&who).expect("staker").active;
		Pallet::<T>::do_unbond(&who, active).expect("staker");
		frame_system::Pallet::<T>::set_block_number(
			frame_system::Pallet::<T>::block_number() + One::one(),
		);
		fill_unlocking::<T>(&who, 1);
		fill_history::<T>(&who);
		frame_system::Pallet::<T>::set_block_number(Bounded::max_value());
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()));
		assert!(!Ledger::<T>::contains_key(&who));
		assert!(!UmbralKeys::<T>::contains_key(&who) && !SlashHistory::<T>::contains_key(&who));
	}

	/// Rebonds every one of a full set of chunks, which lets a waiting staker into a full list.
	#[benchmark]
	fn rebond() {
		let who = waiting_staker::<T>();
		fill_unlocking::<T>(&who, 0);
		let unlocking = Ledger::<T>::get(&who).expect("staker").total() - T::MinStake::get();
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), unlocking);
		assert!(Ledger::<T>::get(&who).expect("staker").unlocking.is_empty());
		assert!(Pallet::<T>::is_candidate(&who));
	}

	/// A chilled staker that evicts the weakest of a full list.
	#[benchmark]
	fn validate() {
		let who = staker::<T>("staker", 0);
		Pallet::<T>::do_chill(&who).expect("candidate");
		// Its nkms key changed: the reference moves.
		Pallet::<T>::release_node_account(&who);
		fill_candidates::<T>(0);
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()));
		assert!(Pallet::<T>::is_candidate(&who));
	}

	#[benchmark]
	fn chill() {
		fill_candidates::<T>(1);
		let who = staker::<T>("staker", 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()));
		assert!(!Pallet::<T>::is_candidate(&who));
	}

	/// Sent by the staker's `nkms` key, replacing a key, with its proof of possession.
	#[benchmark]
	fn set_umbral_key() {
		let who = staker::<T>("staker", 0);
		let node_key = T::BenchmarkHelper::register_session_keys(&who);
		let key = umbral_key("new", 0);
		let proof = key_proof::<T>(&umbral_secret("new", 0), &who);
		#[extrinsic_call]
		_(RawOrigin::Signed(node_key), key, proof);
		assert_eq!(UmbralKeys::<T>::get(&who), Some(key));
	}

	/// Whether a key change is free, asked of the `nkms` key's transaction before it is
	/// dispatched (the transaction extension charges it).
	#[benchmark]
	fn check_key_change() {
		let who = staker::<T>("staker", 0);
		let node_key = T::BenchmarkHelper::register_session_keys(&who);
		let key = umbral_key("new", 0);
		let proof = key_proof::<T>(&umbral_secret("new", 0), &who);
		let origin = RawOrigin::Signed(node_key).into();
		let feeless;
		#[block]
		{
			feeless = Pallet::<T>::is_key_change(&origin, &key, &proof);
		}
		assert!(feeless);
	}

	#[benchmark]
	fn set_session_reward() -> Result<(), BenchmarkError> {
		let origin =
			T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let amount = T::MinStake::get();
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, amount);
		assert_eq!(SessionReward::<T>::get(), amount);
		Ok(())
	}

	/// The planning of a session among `c` candidates of which only the weakest
	/// `min(c, MaxValidators)` can be elected, so that all are checked, pruning the offence
	/// records of an expired session with as many offenders as validators.
	#[benchmark]
	fn plan_session(c: Linear<1, { T::MaxCandidates::get() }>) {
		// Only the candidates made here (genesis stakers keep waiting).
		Candidates::<T>::kill();
		let electable = c.min(T::MaxValidators::get());
		for i in electable..c {
			bonded_without_session_keys::<T>("unelectable", i, stake::<T>() * 2u32.into());
		}
		for i in 0..electable {
			// Each with a new nkms key, whose account the election keeps alive.
			Pallet::<T>::release_node_account(&staker::<T>("staker", i));
		}
		for i in 0..T::MaxValidators::get() {
			let offender: T::AccountId = account("offender", i, 0);
			OffenceSlashes::<T>::insert(0, offender, Perbill::one());
		}
		let session = T::HistoryDepth::get() + 1;
		#[block]
		{
			<Pallet<T> as pallet_session::SessionManager<_>>::new_session(session);
		}
		assert_eq!(PlannedNodes::<T>::get().len() as u32, c.min(T::MaxValidators::get()));
		assert_eq!(OffenceSlashes::<T>::iter_prefix(0).count(), 0);
	}

	/// Activating a set of `v` nodes while `v` others leave it, each holding nothing, with a
	/// full history (all of them are removed), and re-enabling as many validators as can be
	/// disabled (a third).
	#[benchmark]
	fn start_session(v: Linear<1, { T::MaxValidators::get() }>) {
		let leaving: Vec<_> = (0..v).map(|i| staker::<T>("leaving", i)).collect();
		ActiveNodes::<T>::put(NodeSetOf::<T>::truncate_from(
			leaving.iter().map(|who| (who.clone(), stake::<T>())).collect(),
		));
		for who in &leaving {
			ActiveStake::<T>::insert(who, stake::<T>());
			Pallet::<T>::do_unbond(who, stake::<T>()).expect("staker");
			fill_history::<T>(who);
		}
		frame_system::Pallet::<T>::set_block_number(Bounded::max_value());
		for who in &leaving {
			Pallet::<T>::do_withdraw_unbonded(who).expect("unlocked");
		}
		let coming: Vec<_> = (0..v).map(|i| staker::<T>("coming", i)).collect();
		PlannedNodes::<T>::put(NodeSetOf::<T>::truncate_from(
			coming.iter().map(|who| (who.clone(), stake::<T>())).collect(),
		));
		T::BenchmarkHelper::set_session_validators(coming.clone());
		for who in coming.iter().take((v as usize - 1) / 3) {
			T::ValidatorDisabling::disable(who, Perbill::one());
		}
		#[block]
		{
			<Pallet<T> as pallet_session::SessionManager<_>>::start_session(1);
		}
		assert!(leaving.iter().all(|who| !Ledger::<T>::contains_key(who)));
		assert!(coming.iter().all(ActiveStake::<T>::contains_key));
	}

	/// The session reward paid to `v` active nodes.
	#[benchmark]
	fn pay_session_reward(v: Linear<1, { T::MaxValidators::get() }>) {
		for i in 0..v {
			staker::<T>("staker", i);
		}
		Pallet::<T>::plan_session(1);
		Pallet::<T>::activate_planned();
		SessionReward::<T>::put(stake::<T>());
		let node = ActiveNodes::<T>::get()[0].0.clone();
		let before = T::Currency::balance(&node);
		#[block]
		{
			Pallet::<T>::pay_session_reward();
		}
		assert!(T::Currency::balance(&node) > before);
	}

	/// A slash of everything, with a reporter, that removes the staker (see [`slash_victim`]),
	/// after reading a full planned set.
	#[benchmark]
	fn slash() {
		let who = slash_victim::<T>();
		let reporter = funded::<T>("reporter", 0);
		#[block]
		{
			Pallet::<T>::do_slash(
				&who,
				SlashAmount::Fraction(Perbill::one()),
				SlashReason::IncorrectReencryption,
				Some(&reporter),
			);
		}
		assert!(!Ledger::<T>::contains_key(&who));
	}

	/// A slash of everything, with a reporter, of an elected staker (see [`slash_victim`]): it
	/// is chilled and keeps its full history, rewritten.
	#[benchmark]
	fn slash_elected() {
		let who = slash_victim::<T>();
		ActiveStake::<T>::insert(&who, stake::<T>());
		let reporter = funded::<T>("reporter", 0);
		#[block]
		{
			Pallet::<T>::do_slash(
				&who,
				SlashAmount::Fraction(Perbill::one()),
				SlashReason::IncorrectReencryption,
				Some(&reporter),
			);
		}
		assert!(Ledger::<T>::get(&who).is_some_and(|ledger| ledger.is_empty()));
		ActiveStake::<T>::remove(&who);
	}

	/// One offender of an equivocation report: its offence record, the slash of everything of
	/// an elected staker (see [`slash_elected`]) and its disabling in a full validator set at
	/// the disabling limit.
	#[benchmark]
	fn on_offence() {
		let who = slash_victim::<T>();
		elect_among_disabled::<T>(&who);
		let reporter = funded::<T>("reporter", 0);
		let offenders = [OffenceDetails { offender: (who.clone(), ()), reporters: vec![reporter] }];
		#[block]
		{
			<Pallet<T> as OnOffenceHandler<_, _, Weight>>::on_offence(
				&offenders,
				&[Perbill::one()],
				0,
			);
		}
		assert!(Ledger::<T>::get(&who).is_some_and(|ledger| ledger.is_empty()));
		assert_eq!(OffenceSlashes::<T>::get(0, &who), Perbill::one());
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
