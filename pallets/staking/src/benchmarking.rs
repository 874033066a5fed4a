//! Benchmarks of every call, the session election and a slash, each in its worst case.

use frame_benchmarking::v2::*;
use frame_support::{
	pallet_prelude::Get,
	traits::{
		fungible::{Inspect, Mutate, MutateHold},
		EnsureOrigin,
	},
	BoundedVec,
};
use frame_system::RawOrigin;
use nkms_primitives::{umbral_pre::SecretKeyFactory, UmbralPublicKey};
use sp_runtime::{
	traits::{Bounded, One},
	Perbill,
};

use crate::*;

/// What the benchmarks need from the pallets this one talks to.
pub trait BenchmarkHelper<AccountId> {
	/// Registers session keys for `who` (so it can be elected) and returns the account of its
	/// `nkms` session key.
	fn register_session_keys(who: &AccountId) -> AccountId;
}

fn stake<T: Config>() -> BalanceOf<T> {
	T::MinStake::get() * 10u32.into()
}

fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who = account(name, index, 0);
	T::Currency::set_balance(&who, stake::<T>() * 100u32.into());
	who
}

/// A valid Umbral key that differs for each `index`.
fn umbral_key(index: u32) -> UmbralPublicKey {
	let factory = SecretKeyFactory::from_secure_randomness(&[0u8; 32]).expect("a 32-byte seed");
	let sk = factory.make_key(&index.to_le_bytes());
	UmbralPublicKey::from_umbral(&sk.public_key()).expect("a point compresses")
}

/// A bonded candidate with session keys and an Umbral key.
fn staker<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who = funded::<T>(name, index);
	Pallet::<T>::do_bond(&who, stake::<T>()).expect("funded");
	Pallet::<T>::do_set_umbral_key(&who, umbral_key(index)).expect("fresh key");
	T::BenchmarkHelper::register_session_keys(&who);
	who
}

/// Fills the candidate list with listed-only accounts until `room` places are left.
fn fill_candidates<T: Config>(room: u32) {
	let target = T::MaxCandidates::get().saturating_sub(room) as usize;
	Candidates::<T>::mutate(|candidates| {
		let mut index = 0;
		while candidates.len() < target {
			let who: T::AccountId = account("candidate", index, 0);
			if let Err(at) = candidates.binary_search(&who) {
				let _ = candidates.try_insert(at, who);
			}
			index += 1;
		}
	});
}

/// Gives `who` `MaxUnlockingChunks - room` unlocking chunks, one per block, ending at the
/// current block's unbonding.
fn fill_unlocking<T: Config>(who: &T::AccountId, room: u32) {
	let mut ledger = Ledger::<T>::get(who).expect("staker");
	let chunks = T::MaxUnlockingChunks::get().saturating_sub(room);
	for _ in 0..chunks {
		let block = frame_system::Pallet::<T>::block_number();
		ledger.active += T::MinStake::get();
		T::Currency::set_balance(who, T::Currency::balance(who) + T::MinStake::get());
		T::Currency::hold(&HoldReason::Staking.into(), who, T::MinStake::get()).expect("funded");
		ledger
			.unbond(T::MinStake::get(), block + T::UnbondingPeriod::get())
			.expect("room for a chunk");
		frame_system::Pallet::<T>::set_block_number(block + One::one());
	}
	Ledger::<T>::insert(who, ledger);
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn bond() {
		fill_candidates::<T>(1);
		let who = funded::<T>("staker", 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), stake::<T>());
		assert!(Ledger::<T>::contains_key(&who));
	}

	#[benchmark]
	fn bond_extra() {
		let who = staker::<T>("staker", 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), T::MinStake::get());
		assert_eq!(
			Ledger::<T>::get(&who).map(|l| l.active),
			Some(stake::<T>() + T::MinStake::get())
		);
	}

	/// Unbonds everything (which chills) with a full candidate list and one free chunk.
	#[benchmark]
	fn unbond() {
		let who = staker::<T>("staker", 0);
		fill_candidates::<T>(0);
		fill_unlocking::<T>(&who, 1);
		let active = Ledger::<T>::get(&who).expect("staker").active;
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), active);
		assert!(!Candidates::<T>::get().contains(&who));
	}

	/// Withdraws a full set of unlocked chunks and removes the staker.
	#[benchmark]
	fn withdraw_unbonded() {
		let who = staker::<T>("staker", 0);
		let active = Ledger::<T>::get(&who).expect("staker").active;
		Pallet::<T>::do_unbond(&who, active).expect("staker");
		frame_system::Pallet::<T>::set_block_number(
			frame_system::Pallet::<T>::block_number() + One::one(),
		);
		fill_unlocking::<T>(&who, 1);
		frame_system::Pallet::<T>::set_block_number(Bounded::max_value());
		let key = UmbralKeys::<T>::get(&who);
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()));
		assert!(!Ledger::<T>::contains_key(&who));
		assert!(key.is_some() && UmbralKeys::<T>::get(&who).is_none());
	}

	/// Rebonds every one of a full set of chunks.
	#[benchmark]
	fn rebond() {
		let who = staker::<T>("staker", 0);
		fill_unlocking::<T>(&who, 0);
		let unlocking = Ledger::<T>::get(&who).expect("staker").total() - stake::<T>();
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), unlocking);
		assert!(Ledger::<T>::get(&who).expect("staker").unlocking.is_empty());
	}

	#[benchmark]
	fn validate() {
		let who = staker::<T>("staker", 0);
		Pallet::<T>::do_chill(&who).expect("candidate");
		fill_candidates::<T>(1);
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()));
		assert!(Candidates::<T>::get().contains(&who));
	}

	#[benchmark]
	fn chill() {
		let who = staker::<T>("staker", 0);
		fill_candidates::<T>(0);
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()));
		assert!(!Candidates::<T>::get().contains(&who));
	}

	/// Sent by the staker's `nkms` key, replacing a key.
	#[benchmark]
	fn set_umbral_key() {
		let who = staker::<T>("staker", 0);
		let node_key = T::BenchmarkHelper::register_session_keys(&who);
		let key = umbral_key(u32::MAX);
		#[extrinsic_call]
		_(RawOrigin::Signed(node_key), key);
		assert_eq!(UmbralKeys::<T>::get(&who), Some(key));
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

	/// The election at a session rotation among `c` eligible candidates.
	#[benchmark]
	fn elect(c: Linear<1, { T::MaxCandidates::get() }>) {
		Candidates::<T>::kill();
		for i in 0..c {
			staker::<T>("staker", i);
		}
		#[block]
		{
			<Pallet<T> as pallet_session::SessionManager<_>>::new_session(1);
		}
		let expected = c.min(T::MaxValidators::get());
		assert_eq!(PlannedNodes::<T>::get().len() as u32, expected);
	}

	/// Slashes all of a stake with a full set of chunks, a full history and a reporter, which
	/// chills the staker out of a full candidate list.
	#[benchmark]
	fn slash() {
		let who = staker::<T>("staker", 0);
		fill_candidates::<T>(0);
		fill_unlocking::<T>(&who, 0);
		let record = SlashRecord {
			at: frame_system::Pallet::<T>::block_number(),
			amount: T::MinStake::get(),
			reason: SlashReason::Unresponsive,
			reporter: None,
			reporter_reward: 0u32.into(),
		};
		let history = BoundedVec::truncate_from(
			(0..T::MaxSlashRecords::get()).map(|_| record.clone()).collect(),
		);
		SlashHistory::<T>::insert(&who, history);
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
		assert!(Ledger::<T>::get(&who).expect("staker").is_empty());
		assert!(!Candidates::<T>::get().contains(&who));
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
