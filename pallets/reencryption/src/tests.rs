//! Unit tests on the mock runtime; each ends with the invariant check.

use codec::Encode;
use frame_support::{
	assert_noop, assert_ok,
	dispatch::{Pays, PostDispatchInfo},
	traits::fungible::InspectHold,
	weights::Weight,
};
use nkms_primitives::{
	staking::{SlashAmount, SlashReason},
	umbral_pre::decrypt_reencrypted,
	CapsuleBytes, CapsuleFragBytes, CfragVerificationError, UmbralError,
};

use crate::{
	mock::*, AnswerStatus, Answers, Deadlines, Error, Event, HoldReason, Liveness, NodeRequests,
	PolicyRequests, RequestDigest, RequestStatus, Requests, Silence, Strikes,
};

fn held(who: AccountId) -> Balance {
	Balances::balance_on_hold(&HoldReason::RequestDeposit.into(), &who)
}

/// What an answer to request `id` names.
fn digest(id: u64) -> RequestDigest {
	Requests::<Test>::get(id).unwrap().digest(id)
}

fn submit(who: AccountId, id: u64, cfrags: crate::CfragsOf<Test>) -> PostDispatchInfo {
	Reencryption::submit_cfrags(RuntimeOrigin::signed(who), id, digest(id), cfrags).unwrap()
}

fn status(id: u64) -> RequestStatus<u64> {
	Requests::<Test>::get(id).unwrap().status
}

/// The end of Alice's signature (its `s`) in umbral-pre's layout of a capsule fragment.
const KFRAG_SIGNATURE_S_END: usize = 381;

/// The rejections since the last call: (capsule, reason).
fn rejections() -> Vec<(u32, CfragVerificationError)> {
	events()
		.into_iter()
		.map(|event| match event {
			Event::FragmentRejected { capsule, reason, .. } => (capsule, reason),
			other => panic!("unexpected {other:?}"),
		})
		.collect()
}

mod requesting {
	use super::*;

	#[test]
	fn a_request_holds_its_deposit_and_tells_every_node() {
		new_test_ext().execute_with(|| {
			let grant = grant(1, 2, &NODES[..3], None);
			let capsules = grant.capsules(2);
			let id = request(&grant, &capsules);
			let deposit = Reencryption::deposit_for(2, 3, 2);
			assert_eq!(held(BOB), deposit);
			assert_eq!(Reencryption::request_deposit(grant.id, 2), Some(deposit));
			assert_eq!(Reencryption::request_deposit([9; 32], 2), None);
			assert_eq!(
				events(),
				[Event::ReencryptionRequested {
					id,
					policy: grant.id,
					requester: BOB,
					capsules: 2,
					deadline: 1 + RESPONSE_WINDOW,
					deposit,
				}]
			);
			for node in &NODES[..3] {
				assert!(NodeRequests::<Test>::contains_key(node, id));
			}
			assert!(!NodeRequests::<Test>::contains_key(NODES[3], id));
			assert!(PolicyRequests::<Test>::contains_key(grant.id, id));
			assert_eq!(Deadlines::<Test>::get(1 + RESPONSE_WINDOW).into_inner(), vec![id]);
			assert_eq!(status(id), RequestStatus::Pending);
			// The deposit grows with the capsules, the nodes and the answers it takes.
			assert!(Reencryption::deposit_for(3, 3, 2) > deposit);
			assert!(Reencryption::deposit_for(2, 4, 2) > deposit);
			assert!(Reencryption::deposit_for(2, 3, 3) > deposit);
		});
	}

	#[test]
	fn requests_are_checked_each_with_its_error() {
		new_test_ext().execute_with(|| {
			let open = grant(1, 2, &NODES[..3], None);
			let only_bob = grant(2, 2, &NODES[..3], Some(BOB));
			let capsules = on_chain(&open.capsules(1));
			let ask = |who, policy, capsules| {
				Reencryption::request_reencryption(RuntimeOrigin::signed(who), policy, capsules)
			};
			assert_noop!(ask(BOB, open.id, Default::default()), Error::<Test>::NoCapsules);
			assert_noop!(ask(BOB, [9; 32], capsules.clone()), Error::<Test>::PolicyNotLive);
			assert_noop!(
				ask(EVE, only_bob.id, capsules.clone()),
				Error::<Test>::RequesterNotAllowed
			);
			assert_ok!(ask(BOB, only_bob.id, capsules.clone()));
			let junk = vec![CapsuleBytes::try_from_bytes(b"not a capsule").unwrap()];
			assert_noop!(
				ask(BOB, open.id, junk.try_into().unwrap()),
				Error::<Test>::InvalidCapsule
			);
			let poor = 42;
			assert_noop!(ask(poor, open.id, capsules.clone()), Error::<Test>::InsufficientBalance);
			// A policy of more nodes than `MaxShares` (the policy pallet's bound) is refused.
			let crowded = grant(3, 1, &[11, 12, 13, 14, 15, 16], None);
			assert_noop!(ask(BOB, crowded.id, capsules.clone()), Error::<Test>::TooManyNodes);
			revoke(&open.id);
			assert_noop!(ask(BOB, open.id, capsules), Error::<Test>::PolicyNotLive);
		});
	}

	#[test]
	fn at_most_max_requests_fall_due_at_one_block() {
		new_test_ext().execute_with(|| {
			let grant = grant(1, 1, &NODES[..1], None);
			let capsules = grant.capsules(1);
			for _ in 0..MAX_REQUESTS_PER_BLOCK {
				request(&grant, &capsules);
			}
			assert_noop!(
				Reencryption::request_reencryption(
					RuntimeOrigin::signed(BOB),
					grant.id,
					on_chain(&capsules)
				),
				Error::<Test>::TooManyRequests
			);
			run_to(2);
			request(&grant, &capsules);
		});
	}
}

mod answering {
	use super::*;

	#[test]
	fn valid_answers_are_free_and_the_m_th_releases_the_others() {
		new_test_ext().execute_with(|| {
			let grant = grant(1, 2, &NODES[..3], None);
			let sealed = grant.seal(3);
			let capsules: Vec<_> = sealed.iter().map(|(capsule, _)| capsule.clone()).collect();
			let id = request(&grant, &capsules);
			events();

			let info = submit(NODES[0], id, grant.answer(0, &capsules));
			assert_eq!(info.pays_fee, Pays::No);
			assert_eq!(events(), [Event::FragmentsAccepted { id, node: NODES[0] }]);
			assert_eq!(status(id), RequestStatus::Pending);
			assert!(!NodeRequests::<Test>::contains_key(NODES[0], id));

			// The second answer comes from the node's session key.
			submit(NODES[1] + NODE_KEY_OFFSET, id, grant.answer(1, &capsules));
			assert_eq!(
				events(),
				[Event::FragmentsAccepted { id, node: NODES[1] }, Event::RequestFulfilled { id }]
			);
			assert_eq!(status(id), RequestStatus::Fulfilled(1));

			// The third node is released: nothing is asked of it, its answer is refused (and so
			// is no transaction), and it is neither struck nor docked at the deadline.
			assert!(!NodeRequests::<Test>::contains_key(NODES[2], id));
			let request = Requests::<Test>::get(id).unwrap();
			assert_eq!(request.assignees[2].status, AnswerStatus::Released);
			run_to(3);
			assert_noop!(
				Reencryption::submit_cfrags(
					RuntimeOrigin::signed(NODES[2]),
					id,
					digest(id),
					grant.answer(2, &capsules)
				),
				Error::<Test>::AlreadyFulfilled
			);
			assert!(!Reencryption::is_awaited_answer(
				&RuntimeOrigin::signed(NODES[2]),
				id,
				&digest(id),
				3
			));
			run_to(1 + RESPONSE_WINDOW);
			assert_eq!(status(id), RequestStatus::Fulfilled(1));
			assert!(Missed::get().is_empty());
			assert_eq!(Strikes::<Test>::iter().count(), 0);
			assert!(Reencryption::request_view(id).unwrap().waiting_for.is_empty());

			// Bob decrypts from the fragments on chain.
			let view = Reencryption::request_view(id).unwrap();
			for (i, ((capsule, ciphertext), fragments)) in
				sealed.iter().zip(&view.fragments).enumerate()
			{
				assert_eq!(fragments.len(), 2, "only m answers on chain");
				let verified = fragments.iter().map(|(_, cfrag)| {
					cfrag
						.to_umbral()
						.unwrap()
						.verify(
							capsule,
							&grant.signer.public_key(),
							&grant.delegating.public_key(),
							&grant.receiving.public_key(),
						)
						.unwrap()
				});
				let plaintext = decrypt_reencrypted(
					&grant.receiving,
					&grant.delegating.public_key(),
					capsule,
					verified,
					ciphertext,
				);
				assert_eq!(&*plaintext.unwrap(), &[i as u8; 8]);
			}
		});
	}

	#[test]
	fn answers_are_checked_each_with_its_error() {
		new_test_ext().execute_with(|| {
			let grant = grant(1, 2, &NODES[..3], None);
			let capsules = grant.capsules(2);
			let id = request(&grant, &capsules);
			let answer = grant.answer(0, &capsules);
			let send = |who, id, cfrags| {
				Reencryption::submit_cfrags(RuntimeOrigin::signed(who), id, digest(id), cfrags)
			};
			assert_noop!(
				Reencryption::submit_cfrags(
					RuntimeOrigin::signed(NODES[0]),
					id + 1,
					[0; 32],
					answer.clone()
				),
				Error::<Test>::UnknownRequest
			);
			assert_noop!(
				Reencryption::submit_cfrags(
					RuntimeOrigin::signed(NODES[0]),
					id,
					[0; 32],
					answer.clone()
				),
				Error::<Test>::RequestMismatch
			);
			assert_noop!(send(EVE, id, answer.clone()), Error::<Test>::NotPolicyNode);
			assert_noop!(send(NODES[3], id, answer.clone()), Error::<Test>::NotPolicyNode);
			let short = grant.answer(0, &capsules[..1]);
			assert_noop!(send(NODES[0], id, short), Error::<Test>::WrongFragmentCount);
			BelowMinimum::set(vec![NODES[0]]);
			assert_noop!(send(NODES[0], id, answer.clone()), Error::<Test>::StakeBelowMinimum);
			BelowMinimum::take();
			assert_ok!(send(NODES[0], id, answer.clone()));
			assert_noop!(send(NODES[0], id, answer), Error::<Test>::AlreadyAnswered);
			// A node withdrawn from the policy may no longer answer.
			revoke_node(&grant.id, NODES[1]);
			assert_noop!(
				send(NODES[1], id, grant.answer(1, &capsules)),
				Error::<Test>::NotPolicyNode
			);
			run_to(1 + RESPONSE_WINDOW);
			assert_noop!(
				send(NODES[2], id, grant.answer(2, &capsules)),
				Error::<Test>::DeadlinePassed
			);
		});
	}

	#[test]
	fn only_an_awaited_answer_is_feeless_once() {
		new_test_ext().execute_with(|| {
			let grant = grant(1, 2, &NODES[..3], None);
			let capsules = grant.capsules(2);
			let id = request(&grant, &capsules);
			let awaited = |who: AccountId, id: u64, fragments: usize| {
				let digest = Requests::<Test>::get(id).map(|r| r.digest(id)).unwrap_or_default();
				Reencryption::is_awaited_answer(&RuntimeOrigin::signed(who), id, &digest, fragments)
			};
			assert!(awaited(NODES[0], id, 2));
			assert!(awaited(NODES[0] + NODE_KEY_OFFSET, id, 2), "through the nkms key");
			assert!(!awaited(NODES[0], id, 1), "one fragment per capsule");
			assert!(!awaited(NODES[0], id + 1, 2), "an unknown request");
			assert!(
				!Reencryption::is_awaited_answer(&RuntimeOrigin::signed(NODES[0]), id, &[7; 32], 2),
				"another request's digest"
			);
			assert!(!awaited(NODES[3], id, 2), "not a node of the policy");
			assert!(!awaited(EVE, id, 2));
			assert!(!Reencryption::is_awaited_answer(&RuntimeOrigin::root(), id, &digest(id), 2));
			BelowMinimum::set(vec![NODES[2]]);
			assert!(!awaited(NODES[2], id, 2), "slashed below the minimum stake");
			submit(NODES[0], id, grant.answer(0, &capsules));
			assert!(!awaited(NODES[0], id, 2), "answered already");
			// A wrong answer is the node's one attempt too.
			submit(NODES[1], id, grant.answer(0, &capsules));
			assert!(!awaited(NODES[1], id, 2), "rejected already");
			run_to(RESPONSE_WINDOW + 1);
			BelowMinimum::take();
			assert!(!awaited(NODES[2], id, 2), "past the deadline");
		});
	}

	/// On a fork a block author made, request `id` stands for another request: an answer made
	/// for the request the node saw is refused without a slash, and is not feeless (so its
	/// transaction is not valid at all).
	#[test]
	fn an_answer_made_for_another_request_under_the_same_id_costs_nothing() {
		new_test_ext().execute_with(|| {
			let grant = grant(1, 2, &NODES[..3], None);
			// On this chain, request `id` is of one capsule; the node saw it, on another fork,
			// as a request of another capsule.
			let id = request(&grant, &grant.capsules(1));
			let seen = grant.capsules(1);
			let mut elsewhere = Requests::<Test>::get(id).unwrap();
			elsewhere.capsules = on_chain(&seen);
			let answer = grant.answer(0, &seen);
			let node = RuntimeOrigin::signed(NODES[0]);
			assert!(!Reencryption::is_awaited_answer(&node, id, &elsewhere.digest(id), 1));
			assert_noop!(
				Reencryption::submit_cfrags(node, id, elsewhere.digest(id), answer),
				Error::<Test>::RequestMismatch
			);
			assert!(Slashes::get().is_empty());
		});
	}

	#[test]
	fn no_fragment_is_accepted_once_the_policy_is_revoked() {
		new_test_ext().execute_with(|| {
			let grant = grant(1, 2, &NODES[..3], None);
			let capsules = grant.capsules(1);
			let id = request(&grant, &capsules);
			revoke(&grant.id);
			for (index, node) in NODES[..3].iter().enumerate() {
				assert_noop!(
					Reencryption::submit_cfrags(
						RuntimeOrigin::signed(*node),
						id,
						digest(id),
						grant.answer(index, &capsules)
					),
					Error::<Test>::PolicyNotLive
				);
			}
			assert_eq!(Answers::<Test>::iter().count(), 0);
		});
	}

	#[test]
	fn a_wrong_fragment_slashes_its_node_and_is_discarded() {
		new_test_ext().execute_with(|| {
			let grant = grant(1, 2, &NODES[..3], None);
			let capsules = grant.capsules(2);
			let id = request(&grant, &capsules);
			events();
			// The second fragment re-encrypts another capsule.
			let other = grant.capsules(1);
			let mut wrong = grant.answer(0, &capsules);
			wrong[1] = grant.answer(0, &other)[0].clone();
			let info = submit(NODES[0], id, wrong);
			assert_eq!(info.pays_fee, Pays::Yes);
			let slashed = WRONG_FRAGMENT_SLASH * STAKE;
			assert_eq!(
				events(),
				[Event::FragmentRejected {
					id,
					node: NODES[0],
					capsule: 1,
					reason: CfragVerificationError::IncorrectReencryption,
					slashed,
				}]
			);
			assert_eq!(
				Slashes::get(),
				[(
					NODES[0],
					SlashAmount::Fraction(WRONG_FRAGMENT_SLASH),
					SlashReason::IncorrectReencryption
				)]
			);
			assert!(Answers::<Test>::get(id, NODES[0]).is_none());
			// It was its one attempt: it cannot answer again, and it is not struck for silence
			// (it forfeits the window).
			assert!(!NodeRequests::<Test>::contains_key(NODES[0], id));
			assert_noop!(
				Reencryption::submit_cfrags(
					RuntimeOrigin::signed(NODES[0]),
					id,
					digest(id),
					grant.answer(0, &capsules)
				),
				Error::<Test>::AlreadyAnswered
			);
			run_to(1 + RESPONSE_WINDOW);
			assert!(!Strikes::<Test>::contains_key(NODES[0]));
			assert!(Missed::get().contains(&(grant.id, NODES[0], 1, 1 + RESPONSE_WINDOW)));
		});
	}

	#[test]
	fn each_kind_of_wrong_fragment_is_named() {
		new_test_ext().execute_with(|| {
			let grant = grant(1, 2, &NODES[..3], None);
			let capsules = grant.capsules(2);
			// Each wrong answer to a request of its own, by node 0.
			let wrong = |cfrags: crate::CfragsOf<Test>| {
				run_to(System::block_number() + 1);
				let id = request(&grant, &capsules);
				events();
				submit(NODES[0], id, cfrags);
			};
			// Bytes that are no fragment at all; Alice's signature changed in every fragment, and
			// in the second only; a fragment of another policy's key.
			let mut junk = grant.answer(0, &capsules);
			junk[0] = CapsuleFragBytes::try_from_bytes(&[0u8; 381]).unwrap();
			let resigned = |cfrag: &CapsuleFragBytes| {
				let mut bytes = cfrag.as_bytes().to_vec();
				bytes[KFRAG_SIGNATURE_S_END - 1] ^= 1;
				CapsuleFragBytes::try_from_bytes(&bytes).unwrap()
			};
			let honest = grant.answer(0, &capsules);
			let all_resigned = honest.iter().map(resigned).collect::<Vec<_>>();
			let mut one_resigned = honest.clone();
			one_resigned[1] = resigned(&honest[1]);
			let stranger = super::grant(2, 2, &NODES[..3], None);
			let mut named = vec![];
			for answer in [
				junk,
				all_resigned.try_into().unwrap(),
				one_resigned,
				stranger.answer(0, &capsules),
			] {
				wrong(answer);
				named.extend(rejections());
			}
			assert_eq!(
				named,
				[
					(0, CfragVerificationError::Undecodable(UmbralError::Malformed)),
					(0, CfragVerificationError::IncorrectKeyFragSignature),
					(1, CfragVerificationError::ForeignKeyFragment),
					(0, CfragVerificationError::ForeignKeyFragment),
				]
			);
		});
	}

	/// A lazy node that copies another node's valid fragments is slashed: they carry the
	/// other node's key fragment id. Otherwise a request could count as fulfilled with fewer
	/// than `m` distinct key fragments, which Bob cannot decrypt.
	#[test]
	fn a_copied_answer_slashes_its_node() {
		new_test_ext().execute_with(|| {
			let grant = grant(1, 2, &NODES[..3], None);
			let capsules = grant.capsules(2);
			let id = request(&grant, &capsules);
			let honest = grant.answer(0, &capsules);
			submit(NODES[0], id, honest.clone());
			events();
			let info = submit(NODES[1], id, honest);
			assert_eq!(info.pays_fee, Pays::Yes);
			assert_eq!(
				events(),
				[Event::FragmentRejected {
					id,
					node: NODES[1],
					capsule: 0,
					reason: CfragVerificationError::ForeignKeyFragment,
					slashed: WRONG_FRAGMENT_SLASH * STAKE,
				}]
			);
			assert_eq!(Slashes::get().len(), 1);
			assert_eq!(status(id), RequestStatus::Pending);
			// A third node's answer fulfils the request.
			submit(NODES[2], id, grant.answer(2, &capsules));
			assert!(matches!(status(id), RequestStatus::Fulfilled(_)));
		});
	}
}

mod authorized_answers {
	use super::*;
	use crate::{Call, NodeAnswer, Pallet};
	use frame_support::pallet_prelude::{
		Authorize, InvalidTransaction, TransactionPriority, TransactionSource,
		TransactionValidityError,
	};
	use sp_runtime::{testing::UintAuthorityId, traits::Dispatchable, RuntimeAppPublic};

	/// Node `index`'s answer to request `id`, valid until `valid_until`, signed by its `nkms`
	/// key: the call its worker sends.
	fn answer_call(
		id: u64,
		cfrags: crate::CfragsOf<Test>,
		node: AccountId,
		valid_until: u64,
	) -> Call<Test> {
		let key = UintAuthorityId(node + NODE_KEY_OFFSET);
		let answer = NodeAnswer { id, digest: digest(id), cfrags, key: key.clone(), valid_until };
		let signature = key.sign(&Pallet::<Test>::answer_message(&answer)).unwrap();
		Call::submit_node_answer { answer, signature }
	}

	fn refusal(call: &Call<Test>) -> Option<InvalidTransaction> {
		match call.authorize(TransactionSource::External) {
			Some(Ok(_)) => None,
			Some(Err(TransactionValidityError::Invalid(reason))) => Some(reason),
			other => panic!("{other:?}"),
		}
	}

	#[test]
	fn a_signed_answer_is_authorized_first_in_line_once_per_node_and_request() {
		new_test_ext().execute_with(|| {
			let grant = grant(1, 2, &NODES[..3], None);
			let capsules = grant.capsules(2);
			let id = request(&grant, &capsules);
			events();
			let call = answer_call(id, grant.answer(0, &capsules), NODES[0], 3);

			let Some(Ok((validity, refund))) = call.authorize(TransactionSource::External) else {
				panic!("authorized");
			};
			assert_eq!(validity.priority, TransactionPriority::MAX);
			assert_eq!(validity.provides, vec![("NkmsNodeAnswer", (NODES[0], id)).encode()]);
			assert!(validity.requires.is_empty(), "no nonce");
			assert_eq!(validity.longevity, 3, "blocks 1 to 3");
			assert_eq!(refund, Weight::zero());

			let runtime_call = RuntimeCall::from(call.clone());
			assert_ok!(runtime_call.clone().dispatch(frame_system::RawOrigin::Authorized.into()));
			assert_eq!(events(), [Event::FragmentsAccepted { id, node: NODES[0] }]);
			// Its one attempt is used: the same answer, or another, is no transaction now.
			assert_eq!(refusal(&call), Some(InvalidTransaction::Call));
			// Only the authorization dispatches it.
			assert!(runtime_call
				.dispatch(RuntimeOrigin::signed(NODES[0] + NODE_KEY_OFFSET))
				.is_err());
		});
	}

	#[test]
	fn an_answer_is_authorized_only_as_signed_on_this_chain_and_in_time() {
		new_test_ext().execute_with(|| {
			let grant = grant(1, 2, &NODES[..3], None);
			let capsules = grant.capsules(2);
			let id = request(&grant, &capsules);
			let cfrags = grant.answer(0, &capsules);

			// Fragments changed after signing: somebody else's garbage in the node's name.
			let Call::submit_node_answer { mut answer, signature } =
				answer_call(id, cfrags.clone(), NODES[0], 3)
			else {
				unreachable!()
			};
			answer.cfrags = grant.answer(1, &capsules);
			let forged = Call::submit_node_answer { answer, signature };
			assert_eq!(refusal(&forged), Some(InvalidTransaction::BadProof));

			// Signed on another chain.
			let call = answer_call(id, cfrags.clone(), NODES[0], 3);
			let genesis = frame_system::BlockHash::<Test>::get(0);
			frame_system::BlockHash::<Test>::insert(0, sp_core::H256::repeat_byte(9));
			assert_eq!(refusal(&call), Some(InvalidTransaction::BadProof));
			frame_system::BlockHash::<Test>::insert(0, genesis);
			assert_eq!(refusal(&call), None);

			// Kept beyond its life, or made to live longer than a resend.
			assert_eq!(
				refusal(&answer_call(
					id,
					cfrags.clone(),
					NODES[0],
					1 + u64::from(crate::offchain::RESEND_AFTER) + 1
				)),
				Some(InvalidTransaction::Future)
			);
			run_to(4);
			assert_eq!(refusal(&call), Some(InvalidTransaction::Stale));

			// A key that acts for no node of the policy.
			assert_eq!(
				refusal(&answer_call(id, cfrags, NODES[3], 6)),
				Some(InvalidTransaction::Call)
			);
		});
	}

	/// Three answers of a 2-of-3 request in the pool, and a block author who includes all of
	/// them: the third is re-checked at inclusion and refused, so only `m` answers go on chain,
	/// and its node, released, loses nothing at the deadline.
	#[test]
	fn once_m_answers_are_in_the_others_are_no_transactions_and_cost_nothing() {
		new_test_ext().execute_with(|| {
			let grant = grant(1, 2, &NODES[..3], None);
			let capsules = grant.capsules(1);
			let id = request(&grant, &capsules);
			let calls: Vec<_> = (0..3)
				.map(|index| answer_call(id, grant.answer(index, &capsules), NODES[index], 3))
				.collect();
			assert!(calls.iter().all(|call| refusal(call).is_none()), "all valid in the pool");
			for call in &calls[..2] {
				assert_ok!(RuntimeCall::from(call.clone())
					.dispatch(frame_system::RawOrigin::Authorized.into()));
			}
			assert_eq!(status(id), RequestStatus::Fulfilled(1));
			assert_eq!(refusal(&calls[2]), Some(InvalidTransaction::Call));
			assert!(!NodeRequests::<Test>::contains_key(NODES[2], id));
			run_to(1 + RESPONSE_WINDOW);
			assert_eq!(Answers::<Test>::iter_prefix(id).count(), 2);
			assert!(Missed::get().is_empty());
			assert_eq!(Strikes::<Test>::iter().count(), 0);
			assert!(Slashes::get().is_empty());
		});
	}
}

mod deadlines {
	use super::*;

	/// A request of a 2-of-2 policy answered by its first node only, up to its deadline: a
	/// strike for the second.
	fn strike_second_node(grant: &Grant, capsules: &[nkms_primitives::umbral_pre::Capsule]) {
		let id = request(grant, capsules);
		submit(NODES[0], id, grant.answer(0, capsules));
		run_to(System::block_number() + RESPONSE_WINDOW);
	}

	#[test]
	fn silent_nodes_get_a_strike_and_forfeit_the_window() {
		new_test_ext().execute_with(|| {
			let grant = grant(1, 2, &NODES[..3], None);
			let capsules = grant.capsules(1);
			let id = request(&grant, &capsules);
			submit(NODES[0], id, grant.answer(0, &capsules));
			let deposit = Reencryption::deposit_for(1, 3, 2);
			events();
			run_to(RESPONSE_WINDOW);
			assert_eq!(status(id), RequestStatus::Pending);
			run_to(1 + RESPONSE_WINDOW);
			assert_eq!(status(id), RequestStatus::Expired);
			assert_eq!(
				events(),
				[
					Event::StrikeRecorded {
						node: NODES[1],
						cause: Silence::Request(id),
						strikes: 1
					},
					Event::StrikeRecorded {
						node: NODES[2],
						cause: Silence::Request(id),
						strikes: 1
					},
					Event::RequestClosed { id, status: RequestStatus::Expired },
				]
			);
			assert_eq!(
				Missed::get(),
				[
					(grant.id, NODES[1], 1, 1 + RESPONSE_WINDOW),
					(grant.id, NODES[2], 1, 1 + RESPONSE_WINDOW)
				]
			);
			// The deposit stays until the request and its fragment are removed.
			assert_eq!(held(BOB), deposit);
			assert_eq!(NodeRequests::<Test>::iter().count(), 0);
			assert!(Slashes::get().is_empty());
		});
	}

	#[test]
	fn a_withdrawn_node_gets_no_strike() {
		new_test_ext().execute_with(|| {
			let grant = grant(1, 2, &NODES[..2], None);
			let capsules = grant.capsules(1);
			let id = request(&grant, &capsules);
			revoke_node(&grant.id, NODES[1]);
			submit(NODES[0], id, grant.answer(0, &capsules));
			run_to(1 + RESPONSE_WINDOW);
			assert_eq!(status(id), RequestStatus::Expired);
			assert!(Missed::get().is_empty());
			assert_eq!(Strikes::<Test>::iter().count(), 0);
		});
	}

	#[test]
	fn requests_of_a_revoked_policy_are_cancelled_without_strikes() {
		new_test_ext().execute_with(|| {
			let grant = grant(1, 2, &NODES[..3], None);
			let id = request(&grant, &grant.capsules(1));
			revoke(&grant.id);
			let deposit = Reencryption::deposit_for(1, 3, 2);
			events();
			run_to(1 + RESPONSE_WINDOW);
			assert_eq!(events(), [Event::RequestClosed { id, status: RequestStatus::Cancelled }]);
			assert_eq!(held(BOB), deposit);
			run_to(1 + RESPONSE_WINDOW + RETENTION);
			assert_eq!(events(), [Event::RequestRemoved { id, deposit }]);
			assert_eq!(held(BOB), 0);
			assert!(Missed::get().is_empty());
		});
	}

	#[test]
	fn strike_limit_within_the_window_slashes_exactly_the_liveness_slash() {
		new_test_ext().execute_with(|| {
			let grant = grant(1, 2, &NODES[..2], None);
			let capsules = grant.capsules(1);
			let strike_once = || strike_second_node(&grant, &capsules);
			for _ in 0..STRIKE_LIMIT - 1 {
				strike_once();
			}
			assert_eq!(Strikes::<Test>::get(NODES[1]).len() as u32, STRIKE_LIMIT - 1);
			assert!(Slashes::get().is_empty());
			events();
			strike_once();
			let slashed = LIVENESS_SLASH * STAKE;
			assert!(events().contains(&Event::SlashedForSilence { node: NODES[1], slashed }));
			assert_eq!(
				Slashes::get(),
				[(NODES[1], SlashAmount::Fraction(LIVENESS_SLASH), SlashReason::Unresponsive)]
			);
			assert!(!Strikes::<Test>::contains_key(NODES[1]));
			assert!(!Strikes::<Test>::contains_key(NODES[0]));
		});
	}

	#[test]
	fn an_undecided_arrangement_counts_as_silence() {
		new_test_ext().execute_with(|| {
			let grant = grant(1, 2, &NODES[..2], None);
			let capsules = grant.capsules(1);
			for _ in 0..STRIKE_LIMIT - 1 {
				strike_second_node(&grant, &capsules);
			}
			events();
			<Reencryption as Liveness<_>>::missed_decision(&NODES[1], &[4; 32]);
			assert_eq!(
				events(),
				[
					Event::StrikeRecorded {
						node: NODES[1],
						cause: Silence::Decision([4; 32]),
						strikes: STRIKE_LIMIT
					},
					Event::SlashedForSilence { node: NODES[1], slashed: LIVENESS_SLASH * STAKE },
				]
			);
		});
	}

	#[test]
	fn strikes_lapse_after_the_window() {
		new_test_ext().execute_with(|| {
			let grant = grant(1, 2, &NODES[..2], None);
			let capsules = grant.capsules(1);
			let strike_once = || strike_second_node(&grant, &capsules);
			for _ in 0..STRIKE_LIMIT - 1 {
				strike_once();
			}
			// The first strikes lapse: the next one is counted alone.
			run_to(System::block_number() + STRIKE_WINDOW);
			events();
			strike_once();
			assert!(events().iter().any(|event| matches!(
				event,
				Event::StrikeRecorded { node, strikes: 1, .. } if *node == NODES[1]
			)));
			assert!(Slashes::get().is_empty());
			// An answer after the window forgets lapsed strikes.
			run_to(System::block_number() + STRIKE_WINDOW);
			let id = request(&grant, &capsules);
			submit(NODES[1], id, grant.answer(1, &capsules));
			assert!(!Strikes::<Test>::contains_key(NODES[1]));
			run_to(System::block_number() + RESPONSE_WINDOW + RETENTION);
		});
	}

	#[test]
	fn requests_are_removed_after_the_retention_period() {
		new_test_ext().execute_with(|| {
			let grant = grant(1, 2, &NODES[..2], None);
			let capsules = grant.capsules(2);
			let ids: Vec<_> =
				(0..MAX_REQUESTS_PER_BLOCK).map(|_| request(&grant, &capsules)).collect();
			let deposit = Reencryption::deposit_for(2, 2, 2);
			for id in &ids {
				submit(NODES[0], *id, grant.answer(0, &capsules));
				submit(NODES[1], *id, grant.answer(1, &capsules));
			}
			let due = 1 + RESPONSE_WINDOW;
			run_to(due + RETENTION - 1);
			assert_eq!(Requests::<Test>::iter().count(), ids.len());
			assert!(Reencryption::request_view(ids[0]).is_some());
			assert_eq!(held(BOB), deposit * ids.len() as u64);
			events();
			run_to(due + RETENTION);
			assert_eq!(
				events(),
				ids.iter()
					.map(|id| Event::RequestRemoved { id: *id, deposit })
					.collect::<Vec<_>>()
			);
			assert_eq!(held(BOB), 0);
			assert_eq!(Requests::<Test>::iter().count(), 0);
			assert_eq!(Answers::<Test>::iter().count(), 0);
			assert_eq!(PolicyRequests::<Test>::iter().count(), 0);
			assert_eq!(Deadlines::<Test>::iter().count(), 0);
		});
	}
}

mod views {
	use super::*;

	#[test]
	fn the_runtime_api_shows_fragments_per_capsule() {
		new_test_ext().execute_with(|| {
			let grant = grant(1, 2, &NODES[..3], None);
			let capsules = grant.capsules(2);
			let id = request(&grant, &capsules);
			let answer = grant.answer(2, &capsules);
			submit(NODES[2], id, answer.clone());
			let view = Reencryption::request_view(id).unwrap();
			assert_eq!(view.capsules, on_chain(&capsules).into_inner());
			assert_eq!(
				view.fragments,
				vec![vec![(NODES[2], answer[0].clone())], vec![(NODES[2], answer[1].clone())]]
			);
			assert_eq!(view.waiting_for, NODES[..2].to_vec());
			assert_eq!(view.deadline, 1 + RESPONSE_WINDOW);
			assert_eq!(Reencryption::policy_request_ids(grant.id), vec![id]);
			assert_eq!(Reencryption::node_request_ids(&NODES[0]), vec![id]);
			assert!(Reencryption::node_request_ids(&NODES[2]).is_empty());
		});
	}
}

mod invariants {
	use super::*;
	use frame_support::BoundedVec;

	fn broken(corrupt: impl FnOnce(u64)) -> bool {
		let mut ext = new_test_ext();
		ext.execute_unchecked(|| {
			let grant = grant(1, 2, &NODES[..3], None);
			let capsules = grant.capsules(1);
			let id = request(&grant, &capsules);
			submit(NODES[0], id, grant.answer(0, &capsules));
			assert_eq!(Reencryption::do_try_state(), Ok(()));
			corrupt(id);
			Reencryption::do_try_state().is_err()
		})
	}

	#[test]
	fn each_violation_is_caught() {
		assert!(broken(|id| NodeRequests::<Test>::remove(NODES[1], id)));
		assert!(broken(|id| NodeRequests::<Test>::insert(NODES[0], id, ())));
		assert!(broken(|id| Answers::<Test>::remove(id, NODES[0])));
		assert!(broken(|id| PolicyRequests::<Test>::remove([1; 32], id)));
		assert!(broken(|_| Deadlines::<Test>::remove(1 + RESPONSE_WINDOW)));
		assert!(broken(|id| Requests::<Test>::mutate(id, |r| r.as_mut().unwrap().deposit += 1)));
		assert!(broken(|id| {
			Requests::<Test>::mutate(id, |r| {
				r.as_mut().unwrap().status = RequestStatus::Fulfilled(1)
			})
		}));
		assert!(broken(|_| Strikes::<Test>::insert(NODES[1], BoundedVec::truncate_from(vec![]))));
		assert!(broken(|_| Strikes::<Test>::insert(
			NODES[1],
			BoundedVec::truncate_from(vec![1, 2, 3])
		)));
		assert!(broken(|_| crate::NextRequestId::<Test>::put(0)));
	}
}
