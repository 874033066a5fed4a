//! Re-encryption wired into the runtime: requests under policies of the policy pallet, answers
//! from the `local` chain's validators verified on chain, slashes through the staking pallet,
//! and missed requests forfeiting policy fees.

use frame_support::{
	assert_ok,
	dispatch::{DispatchClass, Pays},
	traits::{Get, Hooks},
	weights::constants::ParityDbWeight,
	BoundedVec,
};
use nkms_primitives::{
	staking::NodeRegistry,
	umbral_pre::{self, Capsule},
	CapsuleBytes, CapsuleFragBytes,
};
use nkms_runtime::{
	configs::RESPONSE_WINDOW,
	genesis_config_presets::{DEV_FEE_RATES, DEV_STAKE},
	Balances, Reencryption, Runtime, RuntimeEvent, RuntimeOrigin, Staking, System, MILLI_UNIT,
};
use pallet_nkms_reencryption::{CfragsOf, RequestStatus, Requests};
use sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET;
use sp_keyring::Sr25519Keyring;

use crate::common::{eve_grants, preset_state, Grant};

fn capsules(grant: &Grant, count: usize) -> Vec<Capsule> {
	(0..count)
		.map(|i| umbral_pre::encrypt(&grant.delegating.public_key(), &[i as u8]).unwrap().0)
		.collect()
}

fn answer(grant: &Grant, index: usize, capsules: &[Capsule]) -> CfragsOf<Runtime> {
	let cfrags = capsules.iter().map(|capsule| {
		let cfrag = umbral_pre::reencrypt(capsule, grant.kfrags[index].clone()).unverify();
		CapsuleFragBytes::from_umbral(&cfrag).unwrap()
	});
	BoundedVec::truncate_from(cfrags.collect())
}

/// What an answer to request `id` names.
fn digest(id: u64) -> [u8; 32] {
	Requests::<Runtime>::get(id).unwrap().digest(id)
}

/// Ferdie asks for `capsules` under `grant`.
fn request(grant: &Grant, capsules: &[Capsule]) -> u64 {
	let id = pallet_nkms_reencryption::NextRequestId::<Runtime>::get();
	let bytes = capsules.iter().map(|capsule| CapsuleBytes::from_umbral(capsule).unwrap());
	assert_ok!(Reencryption::request_reencryption(
		RuntimeOrigin::signed(Sr25519Keyring::Ferdie.to_account_id()),
		grant.id,
		BoundedVec::truncate_from(bytes.collect()),
	));
	id
}

fn has_event(event: RuntimeEvent) -> bool {
	System::events().iter().any(|record| record.event == event)
}

#[test]
fn validators_answer_for_free_and_a_wrong_fragment_slashes_a_tenth() {
	preset_state(LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		System::set_block_number(1);
		let grant = eve_grants(2, 100);
		let capsules = capsules(&grant, 2);
		let id = request(&grant, &capsules);

		let alice = &grant.nodes[0];
		let info = Reencryption::submit_cfrags(
			RuntimeOrigin::signed(alice.clone()),
			id,
			digest(id),
			answer(&grant, 0, &capsules),
		)
		.unwrap();
		assert_eq!(info.pays_fee, Pays::No);

		// Bob answers the first capsule with his fragment of the second: a wrong fragment.
		let bob = &grant.nodes[1];
		let mut wrong = answer(&grant, 1, &capsules);
		wrong[0] = answer(&grant, 1, &capsules[1..])[0].clone();
		let info =
			Reencryption::submit_cfrags(RuntimeOrigin::signed(bob.clone()), id, digest(id), wrong)
				.unwrap();
		assert_eq!(info.pays_fee, Pays::Yes);
		assert_eq!(Staking::stake_of(bob), DEV_STAKE - DEV_STAKE / 10);

		let charlie = &grant.nodes[2];
		assert_ok!(Reencryption::submit_cfrags(
			RuntimeOrigin::signed(charlie.clone()),
			id,
			digest(id),
			answer(&grant, 2, &capsules),
		));
		assert!(matches!(
			Requests::<Runtime>::get(id).unwrap().status,
			RequestStatus::Fulfilled(1)
		));
	});
}

#[test]
fn a_silent_node_forfeits_the_window_and_the_deposit_comes_back() {
	preset_state(LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		System::set_block_number(1);
		// 3-of-3: the request needs Charlie, who stays silent.
		let grant = eve_grants(3, 100);
		let capsules = capsules(&grant, 1);
		let id = request(&grant, &capsules);
		for index in [0, 1] {
			assert_ok!(Reencryption::submit_cfrags(
				RuntimeOrigin::signed(grant.nodes[index].clone()),
				id,
				digest(id),
				answer(&grant, index, &capsules),
			));
		}
		let deadline = 1 + RESPONSE_WINDOW;
		System::set_block_number(deadline);
		Reencryption::on_initialize(deadline);
		let charlie = grant.nodes[2].clone();
		assert!(has_event(RuntimeEvent::Policy(pallet_nkms_policy::Event::FeesForfeited {
			id: grant.id,
			node: charlie.clone(),
			amount: DEV_FEE_RATES.0 * RESPONSE_WINDOW as u128,
		})));
		assert!(has_event(RuntimeEvent::Reencryption(
			pallet_nkms_reencryption::Event::StrikeRecorded {
				node: charlie,
				cause: pallet_nkms_reencryption::Silence::Request(id),
				strikes: 1
			}
		)));
		// The deposit pays for the request and its fragments until they are removed.
		let ferdie = Sr25519Keyring::Ferdie.to_account_id();
		let deposit = Requests::<Runtime>::get(id).unwrap().deposit;
		assert_eq!(Balances::reserved_balance(&ferdie), deposit);
		let retention: u32 = <Runtime as pallet_nkms_reencryption::Config>::RetentionPeriod::get();
		let removal = deadline + retention;
		System::set_block_number(removal);
		Reencryption::on_initialize(removal);
		assert!(Requests::<Runtime>::get(id).is_none());
		assert_eq!(Balances::reserved_balance(&ferdie), 0);
	});
}

#[test]
fn the_request_deposit_is_the_documented_one() {
	// configs.rs: about 1.5 NKMS for 10 capsules to a 2-of-3 policy.
	let deposit = Reencryption::deposit_for(10, 3, 2);
	assert!((1_500 * MILLI_UNIT..1_550 * MILLI_UNIT).contains(&deposit), "{deposit}");
}

/// The runtime's limits that `scripts/verification-speed.sh` computes a block's capacity with.
#[test]
#[ignore = "prints figures for scripts/verification-speed.sh"]
fn block_limits() {
	let weights = <Runtime as frame_system::Config>::BlockWeights::get();
	let normal = weights.get(DispatchClass::Normal);
	let us = |ref_time: u64| ref_time as f64 / 1e6;
	println!("normal_max_us={}", us(normal.max_total.unwrap_or(weights.max_block).ref_time()));
	println!("extrinsic_base_us={}", us(normal.base_extrinsic.ref_time()));
	println!("db_read_us={}", us(ParityDbWeight::get().read));
	println!("db_write_us={}", us(ParityDbWeight::get().write));
	let max_capsules: u32 =
		<Runtime as pallet_nkms_reencryption::Config>::MaxCapsulesPerRequest::get();
	println!("max_capsules={max_capsules}");
}
