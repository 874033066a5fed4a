//! The nodes' duties in the transaction pool (`nkms_runtime::duties`): feeless duties first,
//! duties that would fail refused before they cost anyone a fee or block space, key changes
//! feeless once a session, and the off-chain workers' transactions valid on their own fork only.

use codec::Encode;
use frame_support::{assert_ok, traits::fungible::Inspect, BoundedVec};
use frame_system::offchain::CreateSignedTransaction;
use nkms_primitives::{
	staking::NodeRegistry, umbral_pre, CapsuleBytes, CapsuleFragBytes, NODE_KEY_TYPE,
};
use nkms_runtime::{
	duties::DutiesFirst, Address, Balances, Executive, Reencryption, Runtime, RuntimeCall,
	RuntimeOrigin, SignedPayload, Staking, System, TxExtension, UncheckedExtrinsic, UNIT,
};
use pallet_nkms_reencryption::{CfragsOf, Requests, WeightInfo as _};
use sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET;
use sp_keyring::Sr25519Keyring;
use sp_keystore::{testing::MemoryKeystore, Keystore, KeystoreExt};
use sp_runtime::{
	generic::Era,
	traits::TransactionExtension,
	transaction_validity::{
		InvalidTransaction, TransactionPriority, TransactionSource, TransactionValidity,
		TransactionValidityError,
	},
	MultiSignature,
};

use crate::common::{eve_grants, eve_proposes, preset_state, test_umbral_key, Grant};

/// `call` signed by `who` with `nonce` and `tip`, immortal, as a wallet would send it.
fn signed(call: RuntimeCall, who: Sr25519Keyring, nonce: u32, tip: u128) -> UncheckedExtrinsic {
	let extension: TxExtension = (
		frame_system::AuthorizeCall::new(),
		frame_system::CheckNonZeroSender::new(),
		frame_system::CheckSpecVersion::new(),
		frame_system::CheckTxVersion::new(),
		frame_system::CheckGenesis::new(),
		frame_system::CheckEra::from(Era::Immortal),
		frame_system::CheckNonce::from(nonce),
		frame_system::CheckWeight::new(),
		pallet_transaction_payment::ChargeTransactionPayment::from(tip).into(),
		frame_metadata_hash_extension::CheckMetadataHash::new(false),
		frame_system::WeightReclaim::new(),
	);
	let payload = SignedPayload::new(call, extension).unwrap();
	let signature = payload.using_encoded(|bytes| who.sign(bytes));
	let (call, extension, _) = payload.deconstruct();
	UncheckedExtrinsic::new_signed(
		call,
		Address::Id(who.to_account_id()),
		MultiSignature::Sr25519(signature),
		extension,
	)
}

fn validate(xt: UncheckedExtrinsic) -> TransactionValidity {
	Executive::validate_transaction(TransactionSource::External, xt, System::parent_hash())
}

fn refused() -> TransactionValidity {
	Err(TransactionValidityError::Invalid(InvalidTransaction::Call))
}

/// The local chain at block 1, with a 2-of-3 policy of Eve accepted by Alice, Bob and Charlie
/// and a request of Ferdie of one capsule.
fn with_request(test: impl FnOnce(Grant, u64, umbral_pre::Capsule)) {
	preset_state(LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		System::set_block_number(1);
		let grant = eve_grants(2, 1_000);
		let (capsule, _) = umbral_pre::encrypt(&grant.delegating.public_key(), b"hi").unwrap();
		let id = pallet_nkms_reencryption::NextRequestId::<Runtime>::get();
		assert_ok!(Reencryption::request_reencryption(
			RuntimeOrigin::signed(Sr25519Keyring::Ferdie.to_account_id()),
			grant.id,
			BoundedVec::truncate_from(vec![CapsuleBytes::from_umbral(&capsule).unwrap()]),
		));
		test(grant, id, capsule)
	});
}

/// Node `index`'s answer to request `id` of `capsule`, naming `digest`.
fn answer(
	grant: &Grant,
	index: usize,
	id: u64,
	digest: [u8; 32],
	capsule: &umbral_pre::Capsule,
) -> RuntimeCall {
	let cfrag = umbral_pre::reencrypt(capsule, grant.kfrags[index].clone()).unverify();
	let cfrags: CfragsOf<Runtime> =
		BoundedVec::truncate_from(vec![CapsuleFragBytes::from_umbral(&cfrag).unwrap()]);
	pallet_nkms_reencryption::Call::submit_cfrags { id, digest, cfrags }.into()
}

fn digest(id: u64) -> [u8; 32] {
	Requests::<Runtime>::get(id).unwrap().digest(id)
}

#[test]
fn an_awaited_answer_outranks_any_paid_transaction_and_is_free() {
	with_request(|grant, id, capsule| {
		let alice = Sr25519Keyring::Alice;
		let answer = signed(answer(&grant, 0, id, digest(id), &capsule), alice, 0, 0);
		let valid = validate(answer.clone()).expect("valid");
		assert_eq!(valid.priority, TransactionPriority::MAX);
		// Ferdie tips a thousand NKMS for his transfer: still below the answer.
		let transfer = pallet_balances::Call::transfer_keep_alive {
			dest: Sr25519Keyring::Eve.to_account_id().into(),
			value: UNIT,
		};
		let tipped = signed(transfer.into(), Sr25519Keyring::Ferdie, 1, 1_000 * UNIT);
		assert!(validate(tipped).expect("valid").priority < valid.priority);

		let before = Balances::balance(&alice.to_account_id());
		assert_ok!(Executive::apply_extrinsic(answer).expect("included"));
		assert_eq!(Balances::balance(&alice.to_account_id()), before, "no fee");
	});
}

#[test]
fn a_duty_that_would_fail_is_not_a_transaction_at_all() {
	with_request(|grant, id, capsule| {
		let (alice, bob, eve) = (Sr25519Keyring::Alice, Sr25519Keyring::Bob, Sr25519Keyring::Eve);
		// Not a node of the policy, funded or not.
		assert_eq!(
			validate(signed(answer(&grant, 0, id, digest(id), &capsule), eve, 0, 0)),
			refused()
		);
		// An answer made for another request under the same id (another fork): refused, so the
		// node pays nothing for it, funded as Alice's account is.
		let (other, _) = umbral_pre::encrypt(&grant.delegating.public_key(), b"other").unwrap();
		let mut elsewhere = Requests::<Runtime>::get(id).unwrap();
		elsewhere.capsules =
			BoundedVec::truncate_from(vec![CapsuleBytes::from_umbral(&other).unwrap()]);
		let forked = answer(&grant, 0, id, elsewhere.digest(id), &other);
		assert_eq!(validate(signed(forked, alice, 0, 0)), refused());
		// A wrong answer is a node's one attempt, feeless; a second attempt is refused.
		let wrong = answer(&grant, 1, id, digest(id), &other);
		assert!(validate(signed(wrong.clone(), bob, 0, 0)).is_ok());
		let stake = Staking::stake_of(&bob.to_account_id());
		assert_ok!(Executive::apply_extrinsic(signed(wrong, bob, 0, 0)).expect("included"));
		assert!(Staking::stake_of(&bob.to_account_id()) < stake, "slashed for the wrong fragment");
		assert_eq!(
			validate(signed(answer(&grant, 1, id, digest(id), &capsule), bob, 1, 0)),
			refused()
		);
		// Decisions: none is left to make on this policy.
		let accept = pallet_nkms_policy::Call::accept_arrangement { id: grant.id, digest: [0; 32] };
		assert_eq!(validate(signed(accept.into(), alice, 0, 0)), refused());
		let leave = pallet_nkms_policy::Call::leave_policy { id: grant.id, fault: None };
		assert!(validate(signed(leave.clone().into(), alice, 0, 0)).is_ok());
		assert_eq!(validate(signed(leave.into(), eve, 0, 0)), refused());
	});
}

#[test]
fn a_decision_is_feeless_and_first_only_for_the_terms_the_node_checked() {
	preset_state(LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		System::set_block_number(1);
		let grant = eve_proposes(2, 1_000);
		let alice = Sr25519Keyring::Alice;
		let digest = crate::common::arrangement_digest_of(&grant, &alice.to_account_id());
		let accept = pallet_nkms_policy::Call::accept_arrangement { id: grant.id, digest };
		assert_eq!(
			validate(signed(accept.clone().into(), alice, 0, 0)).expect("valid").priority,
			TransactionPriority::MAX
		);
		let other = pallet_nkms_policy::Call::accept_arrangement { id: grant.id, digest: [1; 32] };
		assert_eq!(validate(signed(other.into(), alice, 0, 0)), refused());
		assert_eq!(validate(signed(accept.into(), Sr25519Keyring::Dave, 0, 0)), refused());
	});
}

#[test]
fn a_key_change_is_free_once_a_session_and_cannot_squat_anothers_key() {
	preset_state(LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		System::set_block_number(1);
		let (alice, bob) = (Sr25519Keyring::Alice, Sr25519Keyring::Bob);
		let register = |staker: Sr25519Keyring| -> RuntimeCall {
			let (key, proof) = test_umbral_key(&staker.to_account_id());
			pallet_nkms_staking::Call::set_umbral_key { key, proof }.into()
		};
		let free = |call: RuntimeCall, who: Sr25519Keyring, nonce| {
			let before = Balances::balance(&who.to_account_id());
			let result = Executive::apply_extrinsic(signed(call, who, nonce, 0)).expect("included");
			(result, before - Balances::balance(&who.to_account_id()))
		};
		// Alice's first key of the session: free.
		let (result, fee) = free(register(alice), alice, 0);
		assert_ok!(result);
		assert_eq!(fee, 0);
		// Bob registers Alice's key with her proof: it proves possession for Alice, not for him.
		let (result, fee) = free(register(alice), bob, 0);
		assert!(result.is_err());
		assert!(fee > 0, "the squatter pays");
		// Alice's second change of the session pays.
		let other = nkms_primitives::umbral_pre::SecretKey::random();
		let key = nkms_primitives::UmbralPublicKey::from_umbral(&other.public_key()).unwrap();
		let message = nkms_primitives::staking::umbral_key_proof_message(
			&alice.to_account_id(),
			System::block_hash(0).as_ref(),
		);
		let proof = nkms_primitives::UmbralSignature::from_umbral(
			&nkms_primitives::umbral_pre::Signer::new(other).sign(&message),
		)
		.unwrap();
		let (result, fee) =
			free(pallet_nkms_staking::Call::set_umbral_key { key, proof }.into(), alice, 1);
		assert_ok!(result);
		assert!(fee > 0, "a second change in the session pays");
	});
}

#[test]
fn an_off_chain_workers_transaction_is_valid_on_its_own_chain_only() {
	let mut ext = preset_state(LOCAL_TESTNET_RUNTIME_PRESET);
	let keystore = MemoryKeystore::new();
	let public = keystore.sr25519_generate_new(NODE_KEY_TYPE, Some("//Alice")).unwrap();
	ext.register_extension(KeystoreExt::new(keystore));
	ext.execute_with(|| {
		System::set_block_number(5);
		frame_system::BlockHash::<Runtime>::insert(4, sp_core::H256::repeat_byte(4));
		let (key, proof) = test_umbral_key(&Sr25519Keyring::Alice.to_account_id());
		let call: RuntimeCall = pallet_nkms_staking::Call::set_umbral_key { key, proof }.into();
		let xt = <Runtime as CreateSignedTransaction<RuntimeCall>>::create_signed_transaction::<
			nkms_runtime::configs::NodeAuthority,
		>(call, public.into(), Sr25519Keyring::Alice.to_account_id(), 0)
		.expect("signed");
		assert!(validate(xt.clone()).is_ok());
		// On a fork whose block 4 is another block, the transaction proves nothing.
		frame_system::BlockHash::<Runtime>::insert(4, sp_core::H256::repeat_byte(9));
		assert_eq!(validate(xt.clone()), Err(InvalidTransaction::BadProof.into()));
		// Nor on another chain (validation moved to a new block each time: back to block 5).
		System::set_block_number(5);
		frame_system::BlockHash::<Runtime>::insert(4, sp_core::H256::repeat_byte(4));
		frame_system::BlockHash::<Runtime>::insert(0, sp_core::H256::repeat_byte(1));
		assert_eq!(validate(xt), Err(InvalidTransaction::BadProof.into()));
	});
}

#[test]
fn the_checks_of_a_duty_are_part_of_its_weight() {
	with_request(|grant, id, capsule| {
		let call = answer(&grant, 0, id, digest(id), &capsule);
		let xt = signed(call.clone(), Sr25519Keyring::Alice, 0, 0);
		let extension = match &xt.preamble {
			sp_runtime::generic::Preamble::Signed(_, _, extension) => extension.8.clone(),
			_ => unreachable!(),
		};
		let inner = extension.0.weight(&call);
		let check = <Runtime as pallet_nkms_reencryption::Config>::WeightInfo::check_answer(1);
		assert_eq!(
			<DutiesFirst as TransactionExtension<RuntimeCall>>::weight(&extension, &call),
			inner + check
		);
	});
}
