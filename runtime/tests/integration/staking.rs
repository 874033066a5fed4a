//! Staking wired into the runtime: a new staker joins Aura and GRANDPA through pallet-session, a
//! GRANDPA equivocation offence slashes through pallet-offences and disables the offender, slashed
//! stake is burned, offence records and key-ownership history are pruned together, and a session
//! rotation is charged a whole block.

use codec::Encode;
use frame_support::{
	assert_ok,
	traits::{fungible::Inspect, DisabledValidators, Hooks},
	weights::Weight,
};
use nkms_primitives::staking::NodeRegistry;
use nkms_runtime::{
	genesis_config_presets::DEV_STAKE, AccountId, Balances, Grandpa, Offences, Runtime,
	RuntimeOrigin, Session, SessionKeys, Staking, System, MIN_STAKE, UNIT,
};
use pallet_grandpa::{EquivocationOffence, TimeSlot};
use sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET;
use sp_keyring::Sr25519Keyring;
use sp_keystore::{testing::MemoryKeystore, KeystoreExt};
use sp_runtime::{traits::OpaqueKeys, Perbill};
use sp_staking::offence::ReportOffence;

use crate::common::preset_state;

/// The `local` chain's genesis state with a keystore for generating session keys, after its
/// validators registered their Umbral keys.
fn local_chain() -> sp_io::TestExternalities {
	let mut ext = preset_state(LOCAL_TESTNET_RUNTIME_PRESET);
	ext.register_extension(KeystoreExt::new(MemoryKeystore::new()));
	ext.execute_with(|| {
		System::set_block_number(1);
		let validators = [
			Sr25519Keyring::Alice,
			Sr25519Keyring::Bob,
			Sr25519Keyring::Charlie,
			Sr25519Keyring::Dave,
		];
		crate::common::register_umbral_keys(&validators.map(|key| key.to_account_id()));
	});
	ext
}

/// A GRANDPA equivocation of `offender` in the current session, in a set of `validators`.
fn equivocation(offender: &AccountId, validators: u32) -> EquivocationOffence<(AccountId, ())> {
	EquivocationOffence {
		time_slot: TimeSlot { set_id: 0, round: 1 },
		session_index: Session::current_index(),
		validator_set_count: validators,
		offender: (offender.clone(), ()),
	}
}

/// Runs blocks up to and including the next session rotation.
fn next_session() {
	let session = Session::current_index();
	while Session::current_index() == session {
		let next = System::block_number() + 1;
		Grandpa::on_finalize(System::block_number());
		System::set_block_number(next);
		Session::on_initialize(next);
	}
}

/// Ferdie bonds, sets session keys and an Umbral key; returns his session keys. He validates
/// from the second rotation on.
fn ferdie_stakes() -> SessionKeys {
	let ferdie = Sr25519Keyring::Ferdie.to_account_id();
	let generated = SessionKeys::generate(&ferdie.encode(), None);
	let (umbral, proof) = crate::common::test_umbral_key(&ferdie);
	let origin = RuntimeOrigin::signed(ferdie);
	assert_ok!(Staking::bond(origin.clone(), 2 * MIN_STAKE));
	assert_ok!(Session::set_keys(origin.clone(), generated.keys.clone(), generated.proof.encode()));
	assert_ok!(Staking::set_umbral_key(origin, umbral, proof));
	generated.keys
}

#[test]
fn a_new_staker_becomes_an_aura_and_grandpa_authority_and_leaves_after_chill() {
	local_chain().execute_with(|| {
		let ferdie = Sr25519Keyring::Ferdie.to_account_id();
		let origin = RuntimeOrigin::signed(ferdie.clone());
		let keys = ferdie_stakes();

		next_session();
		assert!(!pallet_aura::Authorities::<Runtime>::get().contains(&keys.aura));
		next_session();
		assert!(pallet_aura::Authorities::<Runtime>::get().contains(&keys.aura));
		assert!(Session::validators().contains(&ferdie));
		assert!(<Staking as NodeRegistry<_>>::is_active(&ferdie));
		assert_eq!(
			<Staking as NodeRegistry<_>>::staker_of_node_key(&keys.nkms),
			Some(ferdie.clone())
		);
		// GRANDPA takes the new set once the change it scheduled is enacted.
		next_session();
		assert!(Grandpa::grandpa_authorities().iter().any(|(id, _)| *id == keys.grandpa));
		assert_eq!(
			Session::validators().len(),
			5,
			"Alice, Bob, Charlie, Dave and Ferdie: {:?}",
			Session::validators()
		);

		assert_ok!(Staking::chill(origin));
		next_session();
		assert!(Session::validators().contains(&ferdie));
		next_session();
		assert!(!Session::validators().contains(&ferdie));
		assert!(!pallet_aura::Authorities::<Runtime>::get().contains(&keys.aura));
	});
}

#[test]
fn a_grandpa_equivocation_slashes_the_offender_pays_the_reporter_and_burns_the_rest() {
	local_chain().execute_with(|| {
		let bob = Sr25519Keyring::Bob.to_account_id();
		let reporter = Sr25519Keyring::Eve.to_account_id();
		let issuance = Balances::total_issuance();
		let reporter_balance = Balances::balance(&reporter);
		// min((3 * 1 / 10)^2, 1) = 9%.
		assert_ok!(Offences::report_offence(vec![reporter.clone()], equivocation(&bob, 10)));

		let slashed = Perbill::from_percent(9) * DEV_STAKE;
		let reward = Perbill::from_percent(10) * slashed;
		assert_eq!(<Staking as NodeRegistry<_>>::stake_of(&bob), DEV_STAKE - slashed);
		assert_eq!(Balances::balance(&reporter), reporter_balance + reward);
		assert_eq!(Balances::total_issuance(), issuance - (slashed - reward));
		assert_eq!(slashed, 9_000 * UNIT);
	});
}

#[test]
fn an_equivocating_validator_is_disabled_for_the_rest_of_the_session() {
	local_chain().execute_with(|| {
		// Four validators: the disabling limit of a third allows one to be disabled.
		assert_eq!(Session::validators().len(), 4);
		let bob = Sr25519Keyring::Bob.to_account_id();
		let bob_index = Session::validators().iter().position(|v| *v == bob).unwrap() as u32;
		assert_ok!(Offences::report_offence(vec![], equivocation(&bob, 10)));

		assert_eq!(Session::disabled_validators(), vec![bob_index]);
		// Aura refuses blocks of a disabled author, and GRANDPA is told in a digest.
		assert!(<Session as DisabledValidators>::is_disabled(bob_index));
		assert!(System::digest().logs.iter().any(|log| {
			log.consensus_try_to(&sp_consensus_grandpa::GRANDPA_ENGINE_ID)
				== Some(sp_consensus_grandpa::ConsensusLog::<u32>::OnDisabled(bob_index.into()))
		}));
		// Only for the rest of the session, though the set stays the same.
		let validators = Session::validators();
		next_session();
		assert_eq!(Session::validators(), validators);
		assert!(Session::disabled_validators().is_empty());
	});
}

#[test]
fn offence_records_and_key_ownership_history_are_pruned_together() {
	use nkms_runtime::configs::{ElectAndKeepHistory, HISTORY_DEPTH};
	use pallet_nkms_staking::OffenceSlashes;
	use pallet_session::{historical::HistoricalSessions, SessionManager};
	local_chain().execute_with(|| {
		let bob = Sr25519Keyring::Bob.to_account_id();
		assert_ok!(Offences::report_offence(vec![], equivocation(&bob, 10)));
		let session = Session::current_index();
		assert!(OffenceSlashes::<Runtime>::contains_key(session, &bob));
		// Planning session + HISTORY_DEPTH keeps both; the next planning drops both.
		ElectAndKeepHistory::new_session(session + HISTORY_DEPTH);
		assert!(HistoricalSessions::<Runtime>::get(session).is_some());
		assert!(OffenceSlashes::<Runtime>::contains_key(session, &bob));
		ElectAndKeepHistory::new_session(session + HISTORY_DEPTH + 1);
		assert!(HistoricalSessions::<Runtime>::get(session).is_none());
		assert!(!OffenceSlashes::<Runtime>::contains_key(session, &bob));
	});
}

#[test]
fn a_session_rotation_is_charged_a_whole_block() {
	local_chain().execute_with(|| {
		let block = <Runtime as frame_system::Config>::BlockWeights::get().max_block;
		let rotation = nkms_runtime::genesis_config_presets::DEV_SESSION_LENGTH;
		assert_eq!(Session::on_initialize(rotation - 1), Weight::zero());
		assert_eq!(Session::on_initialize(rotation), block);
	});
}

#[test]
fn the_session_keys_include_the_nkms_key() {
	assert_eq!(
		SessionKeys::key_ids(),
		&[
			sp_core::crypto::key_types::AURA,
			sp_consensus_grandpa::KEY_TYPE,
			nkms_primitives::NODE_KEY_TYPE
		]
	);
}

#[test]
fn key_ownership_history_is_pruned_after_its_depth() {
	use nkms_runtime::configs::{ElectAndKeepHistory, HISTORY_DEPTH};
	use pallet_session::{historical::HistoricalSessions, SessionManager};
	local_chain().execute_with(|| {
		assert!(HistoricalSessions::<Runtime>::get(0).is_some());
		next_session();
		assert!(HistoricalSessions::<Runtime>::get(2).is_some());
		// The rotation to session HISTORY_DEPTH + 2 plans session HISTORY_DEPTH + 3, with a changed
		// set (Bob chilled), whose root is noted.
		assert_ok!(Staking::chill(RuntimeOrigin::signed(Sr25519Keyring::Bob.to_account_id())));
		assert!(ElectAndKeepHistory::new_session(HISTORY_DEPTH + 3).is_some());
		assert!(HistoricalSessions::<Runtime>::get(2).is_none());
		assert!(HistoricalSessions::<Runtime>::get(HISTORY_DEPTH + 3).is_some());
	});
}
