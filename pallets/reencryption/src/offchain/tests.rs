//! The off-chain worker on the mock runtime, with test off-chain storage, random seed and
//! transaction pool; the `nkms` key of node `NODE` is the mock key `NODE_KEY`.

use codec::Decode;
use frame_support::{assert_ok, traits::Hooks};
use nkms_primitives::{umbral_pre::SecretKey, EncryptedKeyFrag, UmbralPublicKey};
use rand_chacha::{rand_core::SeedableRng, ChaCha20Rng};
use sp_runtime::{
	generic::Preamble,
	testing::{TestSignature, UintAuthorityId},
	traits::Dispatchable,
};

use super::{kfrags::is_cached, RESEND_AFTER};
use crate::{mock::*, verify_answer, Call, Event, NodeRequests, RequestId};

const NODE: AccountId = NODES[0];
const NODE_KEY: AccountId = NODE + NODE_KEY_OFFSET;

/// The transactions the worker put in the pool, taken out of it: (signer, nonce, call). Each
/// must be signed by the key it names.
fn sent(pool: &PoolStateRef) -> Vec<(AccountId, u32, RuntimeCall)> {
	pool.write()
		.transactions
		.drain(..)
		.map(|bytes| {
			let xt = Extrinsic::decode(&mut &bytes[..]).unwrap();
			let Preamble::Signed(signer, TestSignature(key, payload), ()) = xt.preamble else {
				panic!("the worker sends signed transactions");
			};
			assert_eq!(key, signer);
			let (call, nonce) = <(RuntimeCall, u32)>::decode(&mut &payload[..]).unwrap();
			assert_eq!(call, xt.function);
			(signer, nonce, call)
		})
		.collect()
}

/// Runs blocks up to `block` and the worker of that block.
fn work_at(block: u64) {
	run_to(block);
	Reencryption::offchain_worker(block);
}

/// The key in a registration the worker sent (the mock's remark).
fn registered_key(call: &RuntimeCall) -> UmbralPublicKey {
	let RuntimeCall::System(frame_system::Call::remark { remark }) = call else {
		panic!("not a registration: {call:?}");
	};
	let key = UmbralPublicKey::try_from(&remark[..]).unwrap();
	key.to_umbral().expect("a valid Umbral key");
	key
}

/// Runs the worker at the current block, checks that it sends one registration signed by
/// `NODE_KEY` and puts the key on chain.
fn register(pool: &PoolStateRef) -> UmbralPublicKey {
	Reencryption::offchain_worker(System::block_number());
	let sent = sent(pool);
	assert_eq!(sent.len(), 1, "one registration");
	let (signer, _, call) = &sent[0];
	assert_eq!(*signer, NODE_KEY);
	let key = registered_key(call);
	UmbralKeys::mutate(|keys| keys.insert(NODE, key));
	key
}

/// Gives `node` its fragment at `index` of `grant`, encrypted to `key` as Alice would.
fn deliver(grant: &Grant, index: usize, node: AccountId, key: &UmbralPublicKey) {
	let kfrag = grant.kfrags[index].clone().unverify();
	let encrypted = EncryptedKeyFrag::encrypt_with_rng(
		&mut ChaCha20Rng::from_seed([index as u8; 32]),
		&key.to_umbral().unwrap(),
		&kfrag,
	)
	.unwrap();
	EncryptedKfrags::mutate(|kfrags| kfrags.insert((grant.id, node), encrypted));
}

/// The fragments of an answer the worker sent, checked to be for request `id`.
fn answer_to(id: RequestId, call: &RuntimeCall) -> crate::CfragsOf<Test> {
	let RuntimeCall::Reencryption(Call::submit_cfrags { id: answered, cfrags }) = call else {
		panic!("not an answer: {call:?}");
	};
	assert_eq!(*answered, id);
	cfrags.clone()
}

/// A context with the worker's extensions and `NODE_KEY` in the keystore.
fn worker_ext() -> (TestExt, OffchainStateRef, PoolStateRef) {
	let context = new_test_ext().with_offchain();
	UintAuthorityId::set_all_keys(vec![NODE_KEY]);
	context
}

#[test]
fn the_node_registers_one_umbral_key_and_keeps_it() {
	let (mut ext, offchain, pool) = worker_ext();
	ext.execute_with(|| {
		Reencryption::offchain_worker(1);
		let first = sent(&pool);
		assert_eq!(first.len(), 1);
		let (signer, nonce, call) = &first[0];
		assert_eq!((*signer, *nonce), (NODE_KEY, 0));
		let key = registered_key(call);

		work_at(2);
		assert!(sent(&pool).is_empty(), "in flight: not sent again");

		// It did not land: sent again, the same key although the random seed changed.
		offchain.write().seed = [9; 32];
		work_at(1 + u64::from(RESEND_AFTER));
		let again = sent(&pool);
		assert_eq!(again.len(), 1);
		assert_eq!(registered_key(&again[0].2), key);

		UmbralKeys::mutate(|keys| keys.insert(NODE, key));
		work_at(20);
		assert!(sent(&pool).is_empty(), "the chain has the key");

		// Someone registered another key for the staker: the node puts its own back.
		let other = UmbralPublicKey::from_umbral(&SecretKey::random().public_key()).unwrap();
		UmbralKeys::mutate(|keys| keys.insert(NODE, other));
		work_at(21);
		let restored = sent(&pool);
		assert_eq!(restored.len(), 1);
		assert_eq!(registered_key(&restored[0].2), key);
	});
}

#[test]
fn keys_that_act_for_no_staker_send_nothing() {
	let (mut ext, _, pool) = worker_ext();
	ext.execute_with(|| {
		UintAuthorityId::set_all_keys(vec![EVE]);
		Reencryption::offchain_worker(1);
		assert!(sent(&pool).is_empty());
	});
}

#[test]
fn each_request_is_answered_once_with_fragments_that_verify() {
	let (mut ext, _, pool) = worker_ext();
	ext.execute_with(|| {
		let key = register(&pool);
		let grant = grant(1, 2, &NODES[..3], None);
		deliver(&grant, 0, NODE, &key);
		let (first, second) = (grant.capsules(3), grant.capsules(1));
		let (id, other) = (request(&grant, &first), request(&grant, &second));

		Reencryption::offchain_worker(1);
		let answers = sent(&pool);
		assert_eq!(answers.len(), 2, "both requests, one transaction each");
		assert_eq!(answers.iter().map(|(_, nonce, _)| *nonce).collect::<Vec<_>>(), [0, 1]);
		assert!(answers.iter().all(|(signer, ..)| *signer == NODE_KEY));
		// The pending requests come in storage order.
		let first_answer = answers
			.iter()
			.map(|(_, _, call)| call.clone())
			.find(|call| matches!(call, RuntimeCall::Reencryption(Call::submit_cfrags { id: of, .. }) if *of == id))
			.unwrap();
		let policy = LivePolicies::get()[&grant.id].clone();
		let kfrag_id = policy.kfrag_id_of(&NODE).unwrap();
		assert_eq!(verify_answer(&on_chain(&first), &answer_to(id, &first_answer), &policy.keys, kfrag_id), Ok(()));
		assert!(is_cached(&grant.id, &NODE));

		// A restart: the pool is empty, the off-chain storage kept. Nothing is sent again.
		work_at(2);
		assert!(sent(&pool).is_empty());

		assert_ok!(first_answer.dispatch(RuntimeOrigin::signed(NODE_KEY)));
		assert!(events().contains(&Event::FragmentsAccepted { id, node: NODE }));
		assert!(!NodeRequests::<Test>::contains_key(NODE, id));
		work_at(1 + u64::from(RESEND_AFTER));
		let resent = sent(&pool);
		assert_eq!(resent.len(), 1, "only the answer that did not land");
		answer_to(other, &resent[0].2);
	});
}

#[test]
fn nothing_is_sent_for_revoked_or_expired_policies_and_their_kfrags_are_deleted() {
	let (mut ext, _, pool) = worker_ext();
	ext.execute_with(|| {
		let key = register(&pool);
		let revoked = grant(1, 1, &NODES[..2], None);
		let expiring = grant(2, 1, &NODES[..2], None);
		for grant in [&revoked, &expiring] {
			deliver(grant, 0, NODE, &key);
			request(grant, &grant.capsules(1));
		}
		work_at(2);
		assert_eq!(sent(&pool).len(), 2);
		assert!(is_cached(&revoked.id, &NODE) && is_cached(&expiring.id, &NODE));

		let late =
			[request(&revoked, &revoked.capsules(1)), request(&expiring, &expiring.capsules(1))];
		revoke(&revoked.id);
		LivePolicies::mutate(|policies| policies.get_mut(&expiring.id).unwrap().ends_at = 3);
		work_at(3);
		assert!(sent(&pool).is_empty());
		assert!(late.iter().all(|id| NodeRequests::<Test>::contains_key(NODE, id)));
		assert!(!is_cached(&revoked.id, &NODE) && !is_cached(&expiring.id, &NODE));
	});
}

#[test]
fn a_kfrag_that_fails_verification_is_not_used() {
	let (mut ext, _, pool) = worker_ext();
	ext.execute_with(|| {
		let key = register(&pool);
		let (grant, forged) = (grant(1, 2, &NODES[..3], None), grant(2, 2, &NODES[..3], None));
		// The fragment of another policy, made with other keys.
		let kfrag = forged.kfrags[0].clone().unverify();
		let encrypted = EncryptedKeyFrag::encrypt_with_rng(
			&mut ChaCha20Rng::from_seed([1; 32]),
			&key.to_umbral().unwrap(),
			&kfrag,
		)
		.unwrap();
		EncryptedKfrags::mutate(|kfrags| kfrags.insert((grant.id, NODE), encrypted));
		// And one encrypted to another node's key.
		let stranger = UmbralPublicKey::from_umbral(&SecretKey::random().public_key()).unwrap();
		deliver(&forged, 0, NODE, &stranger);
		request(&grant, &grant.capsules(1));
		request(&forged, &forged.capsules(1));
		work_at(2);
		assert!(sent(&pool).is_empty());
		assert!(!is_cached(&grant.id, &NODE) && !is_cached(&forged.id, &NODE));
	});
}

#[test]
fn a_kfrag_with_another_nodes_id_is_not_used() {
	let (mut ext, _, pool) = worker_ext();
	ext.execute_with(|| {
		let key = register(&pool);
		let grant = grant(1, 2, &NODES[..3], None);
		// A valid fragment of the policy, but the one Alice named for the second node: its
		// fragments would be taken for copies.
		deliver(&grant, 1, NODE, &key);
		request(&grant, &grant.capsules(1));
		work_at(2);
		assert!(sent(&pool).is_empty());
		assert!(!is_cached(&grant.id, &NODE));
		// Its own fragment serves.
		deliver(&grant, 0, NODE, &key);
		work_at(3);
		assert_eq!(sent(&pool).len(), 1);
	});
}
