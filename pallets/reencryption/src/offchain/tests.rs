//! The off-chain worker on the mock runtime, with test off-chain storage, random seed,
//! transaction pool and keystore; the `nkms` key of node `NODE` is the mock key `NODE_KEY`.

use codec::{Decode, Encode};
use frame_support::{
	assert_ok,
	pallet_prelude::{Authorize, TransactionSource},
	traits::Hooks,
};
use nkms_primitives::{
	forgery,
	policy::{KfragFault, NodeDecision, Proposal},
	staking::umbral_key_proof_message,
	umbral_pre::{KeyFrag, SecretKey},
	CfragVerificationError, EncryptedKeyFrag, UmbralPublicKey, UmbralSignature,
	UMBRAL_ROOT_KEY_TYPE,
};
use rand_chacha::{rand_core::SeedableRng, ChaCha20Rng};
use sp_keystore::Keystore;
use sp_runtime::{
	generic::Preamble,
	offchain::storage::StorageValueRef,
	testing::{TestSignature, UintAuthorityId},
	traits::Dispatchable,
	RuntimeAppPublic,
};

use super::RESEND_AFTER;
use crate::{mock::*, verify_answer, Call, Event, NodeRequests, RequestId, Requests};

const NODE: AccountId = NODES[0];
const NODE_KEY: AccountId = NODE + NODE_KEY_OFFSET;

/// The transactions the worker put in the pool, taken out of it: (signer, nonce, call). A
/// signed transaction must be signed by the key it names; an answer, a general transaction
/// without a nonce, must be authorized by its key's signature.
fn sent(pool: &PoolStateRef) -> Vec<(AccountId, Option<u32>, RuntimeCall)> {
	pool.write()
		.transactions
		.drain(..)
		.map(|bytes| {
			let xt = Extrinsic::decode(&mut &bytes[..]).unwrap();
			match xt.preamble {
				Preamble::Signed(signer, TestSignature(key, payload), ()) => {
					assert_eq!(key, signer);
					let (call, nonce) = <(RuntimeCall, u32)>::decode(&mut &payload[..]).unwrap();
					assert_eq!(call, xt.function);
					(signer, Some(nonce), call)
				},
				Preamble::General(_) => {
					let RuntimeCall::Reencryption(Call::submit_node_answer { answer, signature }) =
						&xt.function
					else {
						panic!("only answers are sent without a nonce: {:?}", xt.function);
					};
					let message = crate::Pallet::<Test>::answer_message(answer);
					assert!(RuntimeAppPublic::verify(&answer.key, &message, signature));
					(answer.key.0, None, xt.function)
				},
				Preamble::Bare(_) => panic!("the worker sends no bare transaction"),
			}
		})
		.collect()
}

/// The calls of what the worker sent.
fn sent_calls(pool: &PoolStateRef) -> Vec<RuntimeCall> {
	sent(pool).into_iter().map(|(_, _, call)| call).collect()
}

/// Runs blocks up to `block` and the worker of that block.
fn work_at(block: u64) {
	run_to(block);
	Reencryption::offchain_worker(block);
}

/// The key in a registration the worker sent (the mock's remark), checked to come with its
/// proof of possession for `NODE` on this chain.
fn registered_key(call: &RuntimeCall) -> UmbralPublicKey {
	let RuntimeCall::System(frame_system::Call::remark { remark }) = call else {
		panic!("not a registration: {call:?}");
	};
	let (key, proof) = <(UmbralPublicKey, UmbralSignature)>::decode(&mut &remark[..]).unwrap();
	key.to_umbral().expect("a valid Umbral key");
	let genesis = System::block_hash(0);
	assert!(proof.verify(&key, &umbral_key_proof_message(&NODE, genesis.as_ref())));
	key
}

/// The decision in a transaction the worker sent (the mock's remark).
fn decision(call: &RuntimeCall) -> NodeDecision {
	let RuntimeCall::System(frame_system::Call::remark_with_event { remark }) = call else {
		panic!("not a decision: {call:?}");
	};
	NodeDecision::decode(&mut &remark[..]).unwrap()
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

/// `kfrag` encrypted to `key`, as Alice would.
fn encrypt(kfrag: &KeyFrag, key: &UmbralPublicKey) -> EncryptedKeyFrag {
	EncryptedKeyFrag::encrypt_with_rng(
		&mut ChaCha20Rng::from_seed([3; 32]),
		&key.to_umbral().unwrap(),
		kfrag,
	)
	.unwrap()
}

/// Gives `node` `kfrag` as its fragment of `grant`, encrypted to `key`.
fn deliver_kfrag(grant: &Grant, kfrag: &KeyFrag, node: AccountId, key: &UmbralPublicKey) {
	EncryptedKfrags::mutate(|kfrags| kfrags.insert((grant.id, node), encrypt(kfrag, key)));
}

/// Gives `node` its fragment at `index` of `grant`, encrypted to `key` as Alice would.
fn deliver(grant: &Grant, index: usize, node: AccountId, key: &UmbralPublicKey) {
	deliver_kfrag(grant, &grant.kfrags[index].clone().unverify(), node, key);
}

/// Proposes `NODE`'s arrangement of `grant` with `kfrag` encrypted to `key`.
fn propose(grant: &Grant, kfrag: &KeyFrag, key: &UmbralPublicKey) -> Proposal<u64> {
	let live = LivePolicies::get()[&grant.id].clone();
	let proposal = Proposal {
		policy: grant.id,
		keys: live.keys,
		kfrag_id: *live.kfrag_id_of(&NODE).unwrap(),
		kfrag: encrypt(kfrag, key),
		decide_by: 100,
	};
	Proposals::mutate(|proposals| proposals.entry(NODE).or_default().push(proposal.clone()));
	proposal
}

/// The fragments of an answer the worker sent, checked to be for request `id` and to name it.
fn answer_to(id: RequestId, call: &RuntimeCall) -> crate::CfragsOf<Test> {
	let RuntimeCall::Reencryption(Call::submit_node_answer { answer, .. }) = call else {
		panic!("not an answer: {call:?}");
	};
	assert_eq!(answer.id, id);
	assert_eq!(answer.digest, Requests::<Test>::get(id).unwrap().digest(id));
	answer.cfrags.clone()
}

/// A context with the worker's extensions and `NODE_KEY` among the `nkms` keys.
fn worker_ext() -> (TestExt, OffchainStateRef, PoolStateRef, KeystoreRef) {
	let context = new_test_ext().with_offchain();
	UintAuthorityId::set_all_keys(vec![NODE_KEY]);
	context
}

#[test]
fn the_node_registers_one_umbral_key_with_its_proof_and_keeps_it() {
	let (mut ext, offchain, pool, keystore) = worker_ext();
	ext.execute_with(|| {
		Reencryption::offchain_worker(1);
		let first = sent(&pool);
		assert_eq!(first.len(), 1);
		let (signer, nonce, call) = &first[0];
		assert_eq!((*signer, *nonce), (NODE_KEY, Some(0)));
		let key = registered_key(call);
		assert_eq!(keystore.ed25519_public_keys(UMBRAL_ROOT_KEY_TYPE).len(), 1, "its root key");

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

		// A root key added to the keystore later changes nothing: the registered key is used.
		for seed in 0..4u8 {
			keystore
				.ed25519_generate_new(UMBRAL_ROOT_KEY_TYPE, Some(&format!("//{seed}")))
				.unwrap();
		}
		work_at(21);
		assert!(sent(&pool).is_empty());

		// Someone registered another key for the staker: the node puts its own back.
		let other = UmbralPublicKey::from_umbral(&SecretKey::random().public_key()).unwrap();
		UmbralKeys::mutate(|keys| keys.insert(NODE, other));
		work_at(22);
		let restored = sent(&pool);
		assert_eq!(restored.len(), 1);
		assert_eq!(registered_key(&restored[0].2), key);
	});
}

/// The Umbral secret comes from the keystore alone: a node that lost its off-chain database has
/// the same key, and nothing in that database (which RPC methods read and write) holds it.
#[test]
fn the_umbral_key_comes_from_the_keystore_alone() {
	let (mut ext, _, pool, keystore) = worker_ext();
	let key = ext.execute_with(|| register(&pool));
	// The same keystore with a new off-chain database, random seed and pool.
	let (mut fresh, offchain, pool, _) = worker_ext();
	fresh.register_keystore(keystore);
	offchain.write().seed = [5; 32];
	fresh.execute_with(|| {
		Reencryption::offchain_worker(1);
		assert_eq!(registered_key(&sent(&pool)[0].2), key);
	});
	// Another keystore, another key.
	let (mut other, _, pool, _) = worker_ext();
	other.execute_with(|| {
		Reencryption::offchain_worker(1);
		assert_ne!(registered_key(&sent(&pool)[0].2), key);
	});
}

#[test]
fn keys_that_act_for_no_staker_send_nothing() {
	let (mut ext, _, pool, _) = worker_ext();
	ext.execute_with(|| {
		UintAuthorityId::set_all_keys(vec![EVE]);
		Reencryption::offchain_worker(1);
		assert!(sent(&pool).is_empty());
	});
}

#[test]
fn the_node_accepts_a_sound_fragment_and_declines_each_faulty_one() {
	let (mut ext, _, pool, _) = worker_ext();
	ext.execute_with(|| {
		let key = register(&pool);
		let other_key = UmbralPublicKey::from_umbral(&SecretKey::random().public_key()).unwrap();
		let mut rng = ChaCha20Rng::from_seed([8; 32]);
		// Eight policies of Alice with node 0: its own fragment, then each fault.
		let grants: Vec<_> = (1..=8).map(|id| grant(id, 2, &NODES[..3], None)).collect();
		let own = |g: &Grant| g.kfrags[0].clone().unverify();
		let (d, r) = (grants[2].delegating.public_key(), grants[2].receiving.public_key());
		let faults = [
			(
				forgery::with_forged_receiver_signature(
					&mut rng,
					&own(&grants[1]),
					&grants[1].signer,
				)
				.unwrap(),
				key,
				KfragFault::Rejected(CfragVerificationError::IncorrectKeyFragSignature),
			),
			(
				forgery::with_parameter_u(&mut rng, &own(&grants[2]), &grants[2].signer, &d, &r)
					.unwrap(),
				key,
				KfragFault::NonStandardParameters,
			),
			(own(&grants[3]), other_key, KfragFault::Undecryptable),
			(grants[4].kfrags[1].clone().unverify(), key, KfragFault::WrongId),
		];
		let mut expected = vec![NodeDecision::Accept {
			policy: grants[0].id,
			digest: propose(&grants[0], &own(&grants[0]), &key).digest(),
		}];
		for (grant, (kfrag, to, fault)) in grants[1..5].iter().zip(faults) {
			let digest = propose(grant, &kfrag, &to).digest();
			expected.push(NodeDecision::Decline { policy: grant.id, digest, fault });
		}
		// Its own fragment, but the policy names another signer.
		let mut proposal = propose(&grants[5], &own(&grants[5]), &key);
		proposal.keys.verifying = other_key;
		Proposals::mutate(|proposals| {
			*proposals.get_mut(&NODE).unwrap().last_mut().unwrap() = proposal.clone()
		});
		expected.push(NodeDecision::Decline {
			policy: grants[5].id,
			digest: proposal.digest(),
			fault: KfragFault::Unverified,
		});
		// Bytes that decrypt, but are no key fragment.
		let (capsule, ciphertext) =
			nkms_primitives::umbral_pre::encrypt(&key.to_umbral().unwrap(), b"junk").unwrap();
		let junk = EncryptedKeyFrag::from_umbral(&capsule, &ciphertext).unwrap();
		let mut proposal = propose(&grants[6], &own(&grants[6]), &key);
		Proposals::mutate(|proposals| proposals.get_mut(&NODE).unwrap().pop());
		proposal.kfrag = junk;
		Proposals::mutate(|proposals| proposals.get_mut(&NODE).unwrap().push(proposal.clone()));
		expected.push(NodeDecision::Decline {
			policy: grants[6].id,
			digest: proposal.digest(),
			fault: KfragFault::Malformed,
		});

		Reencryption::offchain_worker(1);
		let decisions = sent(&pool);
		assert!(decisions.iter().all(|(signer, ..)| *signer == NODE_KEY));
		assert_eq!(
			decisions.iter().map(|(_, nonce, _)| *nonce).collect::<Vec<_>>(),
			(0..7).map(Some).collect::<Vec<_>>()
		);
		assert_eq!(decisions.iter().map(|(.., call)| decision(call)).collect::<Vec<_>>(), expected);

		// Each decision once; again if it did not land.
		work_at(2);
		assert!(sent(&pool).is_empty());
		Proposals::mutate(|proposals| proposals.get_mut(&NODE).unwrap().truncate(1));
		work_at(1 + u64::from(RESEND_AFTER));
		assert_eq!(sent_calls(&pool).iter().map(decision).collect::<Vec<_>>(), expected[..1]);
	});
}

#[test]
fn each_request_is_answered_once_with_fragments_that_verify() {
	let (mut ext, _, pool, _) = worker_ext();
	ext.execute_with(|| {
		let key = register(&pool);
		let grant = grant(1, 2, &NODES[..3], None);
		deliver(&grant, 0, NODE, &key);
		let (first, second) = (grant.capsules(3), grant.capsules(1));
		let (id, other) = (request(&grant, &first), request(&grant, &second));

		Reencryption::offchain_worker(1);
		let answers = sent(&pool);
		assert_eq!(answers.len(), 2, "both requests, one transaction each");
		assert_eq!(answers.iter().map(|(_, nonce, _)| *nonce).collect::<Vec<_>>(), [None, None], "answers take no nonce");
		assert!(answers.iter().all(|(signer, ..)| *signer == NODE_KEY));
		// Both are due at one block, and neither comes first by deadline: find the first.
		let first_answer = answers
			.iter()
			.map(|(_, _, call)| call.clone())
			.find(|call| matches!(call, RuntimeCall::Reencryption(Call::submit_node_answer { answer, .. }) if answer.id == id))
			.unwrap();
		let policy = LivePolicies::get()[&grant.id].clone();
		let kfrag_id = policy.kfrag_id_of(&NODE).unwrap();
		assert_eq!(verify_answer(&on_chain(&first), &answer_to(id, &first_answer), &policy.keys, kfrag_id), Ok(()));

		// A restart: the pool is empty, the off-chain storage kept. Nothing is sent again.
		work_at(2);
		assert!(sent(&pool).is_empty());

		assert!(matches!(first_answer.authorize(TransactionSource::Local), Some(Ok(_))));
		assert_ok!(first_answer.dispatch(frame_system::RawOrigin::Authorized.into()));
		assert!(events().contains(&Event::FragmentsAccepted { id, node: NODE }));
		assert!(!NodeRequests::<Test>::contains_key(NODE, id));
		work_at(1 + u64::from(RESEND_AFTER));
		let resent = sent(&pool);
		assert_eq!(resent.len(), 1, "only the answer that did not land");
		answer_to(other, &resent[0].2);
	});
}

#[test]
fn requests_are_answered_earliest_deadline_first() {
	let (mut ext, _, pool, _) = worker_ext();
	ext.execute_with(|| {
		let key = register(&pool);
		let grant = grant(1, 2, &NODES[..3], None);
		deliver(&grant, 0, NODE, &key);
		let capsules = grant.capsules(1);
		// Requests over the whole response window, each block's due one block after the last's.
		let mut ids = Vec::new();
		for block in 1..RESPONSE_WINDOW {
			run_to(block);
			ids.extend((0..MAX_REQUESTS_PER_BLOCK).map(|_| request(&grant, &capsules)));
		}

		Reencryption::offchain_worker(System::block_number());
		let answered: Vec<RequestId> = sent_calls(&pool)
			.iter()
			.map(|call| match call {
				RuntimeCall::Reencryption(Call::submit_node_answer { answer, .. }) => answer.id,
				other => panic!("not an answer: {other:?}"),
			})
			.collect();
		// Not in the storage order of `NodeRequests` (hashed ids), but by deadline.
		assert_eq!(answered, ids);
	});
}

#[test]
fn nothing_is_sent_for_revoked_or_expired_policies() {
	let (mut ext, _, pool, _) = worker_ext();
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

		let late =
			[request(&revoked, &revoked.capsules(1)), request(&expiring, &expiring.capsules(1))];
		revoke(&revoked.id);
		LivePolicies::mutate(|policies| policies.get_mut(&expiring.id).unwrap().ends_at = 3);
		work_at(3);
		assert!(sent(&pool).is_empty());
		assert!(late.iter().all(|id| NodeRequests::<Test>::contains_key(NODE, id)));
	});
}

/// An answer that the chain would reject is never sent: the node leaves the policy at once,
/// naming the fault, so that it is neither slashed nor struck.
#[test]
fn an_answer_that_fails_the_chains_check_is_never_sent() {
	let (mut ext, _, pool, _) = worker_ext();
	ext.execute_with(|| {
		let key = register(&pool);
		let other_key = UmbralPublicKey::from_umbral(&SecretKey::random().public_key()).unwrap();
		let mut rng = ChaCha20Rng::from_seed([8; 32]);
		let (forged, elsewhere, foreign) = (
			grant(1, 2, &NODES[..3], None),
			grant(2, 2, &NODES[..3], None),
			grant(3, 2, &NODES[..3], None),
		);
		let own = forged.kfrags[0].clone().unverify();
		deliver_kfrag(
			&forged,
			&forgery::with_forged_receiver_signature(&mut rng, &own, &forged.signer).unwrap(),
			NODE,
			&key,
		);
		deliver(&elsewhere, 0, NODE, &other_key);
		deliver(&foreign, 1, NODE, &key);
		for grant in [&forged, &elsewhere, &foreign] {
			request(grant, &grant.capsules(2));
		}
		Reencryption::offchain_worker(1);
		let mut leaves: Vec<_> = sent_calls(&pool).iter().map(decision).collect();
		// Both are due at one block, and neither comes first by deadline: find the first.
		leaves.sort_by_key(|leave| match leave {
			NodeDecision::Leave { policy, .. } => *policy,
			_ => panic!("not a leave: {leave:?}"),
		});
		assert_eq!(
			leaves,
			[
				NodeDecision::Leave {
					policy: forged.id,
					fault: KfragFault::Rejected(CfragVerificationError::IncorrectKeyFragSignature),
				},
				NodeDecision::Leave { policy: elsewhere.id, fault: KfragFault::Undecryptable },
				NodeDecision::Leave {
					policy: foreign.id,
					fault: KfragFault::Rejected(CfragVerificationError::ForeignKeyFragment),
				},
			]
		);
		// Once, whatever more requests come.
		run_to(2);
		request(&forged, &forged.capsules(1));
		work_at(2);
		assert!(sent(&pool).is_empty());
	});
}

/// What the worker keeps in the off-chain database is bookkeeping only: garbage written there
/// (as by an RPC caller) can delay nothing and make the node sign nothing wrong.
#[test]
fn writes_to_the_off_chain_database_cannot_make_the_node_sign_garbage() {
	let (mut ext, _, pool, _) = worker_ext();
	ext.execute_with(|| {
		let key = register(&pool);
		let grant = grant(1, 2, &NODES[..3], None);
		deliver(&grant, 0, NODE, &key);
		let capsules = grant.capsules(2);
		let id = request(&grant, &capsules);
		// Records of the request and the policy "sent" in a future block, and junk.
		let future: alloc::collections::BTreeMap<u64, u64> = [(id, 1_000)].into();
		StorageValueRef::persistent(&(b"nkms/reencryption/answered/", NODE).encode()).set(&future);
		let decided: alloc::collections::BTreeMap<[u8; 32], u64> = [(grant.id, 1_000)].into();
		StorageValueRef::persistent(&(b"nkms/reencryption/decided/", NODE).encode()).set(&decided);
		StorageValueRef::persistent(b"nkms/reencryption/kfrag/").set(&[0xffu8; 400].to_vec());
		Reencryption::offchain_worker(1);
		let calls = sent_calls(&pool);
		assert_eq!(calls.len(), 1);
		let policy = LivePolicies::get()[&grant.id].clone();
		let kfrag_id = policy.kfrag_id_of(&NODE).unwrap();
		assert_eq!(
			verify_answer(&on_chain(&capsules), &answer_to(id, &calls[0]), &policy.keys, kfrag_id),
			Ok(())
		);
	});
}
