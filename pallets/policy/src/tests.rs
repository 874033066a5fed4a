//! Unit tests on the mock runtime.

use frame_support::{
	assert_noop, assert_ok,
	traits::{
		fungible::{Inspect, InspectHold, MutateHold},
		tokens::Precision,
		Hooks,
	},
	weights::Weight,
	BoundedVec,
};
use nkms_primitives::{
	policy::{Policies as PolicyProvider, PolicyNode},
	staking::PolicyObligations,
	EncryptedKeyFrag,
};
use sp_runtime::{DispatchError, DispatchResult};

use crate::{
	arrangement_digest, fee_for, mock::*, Arrangement, ArrangementStatus, Config, DecisionQueue,
	Ending, Event, FeeRateRange, HoldReason, KeyFrags, KfragFault, LabelOf, MaxDurations,
	MinFeeRates, NextSettlement, NodePolicies, NodeProposals, OwnerPolicies, Policies, PolicyId,
	PolicyKeys, PolicyOf, PolicyState, SettlementQueue, SharesOf, WeightInfo,
};

type PolicyError = crate::Error<Test>;

const RATE: Balance = 10;
/// Policies of these tests are created at block 1 and expire at block 101.
const EXPIRY: u64 = 101;

fn label(bytes: &[u8]) -> LabelOf<Test> {
	LabelOf::<Test>::truncate_from(bytes.to_vec())
}

fn escrow_held(who: AccountId) -> Balance {
	Balances::balance_on_hold(&RuntimeHoldReason::Policy(HoldReason::Escrow), &who)
}

fn deposit_held(who: AccountId) -> Balance {
	Balances::balance_on_hold(&RuntimeHoldReason::Policy(HoldReason::Deposit), &who)
}

/// `owner` creates a policy of `grant` with threshold `m`, named `name`, until `expiry` at
/// `RATE`.
fn create_as(
	owner: AccountId,
	grant: &Grant,
	m: u8,
	name: &[u8],
	expiry: u64,
	requester: Option<AccountId>,
) -> DispatchResult {
	Policy::create_policy(
		RuntimeOrigin::signed(owner),
		label(name),
		grant.umbral_keys,
		m,
		grant.shares.clone(),
		expiry,
		RATE,
		requester,
	)
}

/// Alice creates a policy of `grant` with threshold `m`, named `name`; no node decides.
fn create_proposed(grant: &Grant, m: u8, name: &[u8]) -> PolicyId {
	assert_ok!(create_as(ALICE, grant, m, name, EXPIRY, None));
	id_of(grant, name)
}

/// Alice creates a policy of `grant` with threshold `m`, named `name`, and every node accepts
/// in the same block: it serves from its creation.
fn create(grant: &Grant, m: u8, name: &[u8]) -> PolicyId {
	let id = create_proposed(grant, m, name);
	for share in &grant.shares {
		assert_ok!(accept(id, share.node));
	}
	id
}

/// What `node` names when it decides on its arrangement of policy `id`.
fn digest(id: PolicyId, node: AccountId) -> [u8; 32] {
	let stored = policy(id);
	let kfrag_id = stored.arrangements.iter().find(|a| a.node == node).unwrap().kfrag_id;
	arrangement_digest(
		&id,
		&stored.umbral_keys,
		&kfrag_id,
		&KeyFrags::<Test>::get(id, node).unwrap(),
	)
}

fn accept(id: PolicyId, node: AccountId) -> DispatchResult {
	Policy::accept_arrangement(RuntimeOrigin::signed(node), id, digest(id, node))
}

fn decline(id: PolicyId, node: AccountId) -> DispatchResult {
	Policy::decline_arrangement(
		RuntimeOrigin::signed(node),
		id,
		digest(id, node),
		KfragFault::Undecryptable,
	)
}

/// A 2-of-3 policy of Alice over nodes 11, 12 and 13 at `RATE` until `EXPIRY`.
fn two_of_three() -> PolicyId {
	create(&grant(2, &[11, 12, 13]), 2, b"docs")
}

fn policy(id: PolicyId) -> PolicyOf<Test> {
	Policies::<Test>::get(id).expect("a policy")
}

fn free(who: AccountId) -> Balance {
	Balances::balance(&who)
}

mod creation {
	use super::*;

	#[test]
	fn a_policy_holds_escrow_and_deposit_and_indexes_its_nodes() {
		new_test_ext().execute_with(|| {
			let grant = grant(2, &[11, 12, 13]);
			let id = create_proposed(&grant, 2, b"docs");
			let escrow = RATE * 3 * (EXPIRY - 1);
			let deposit = Policy::deposit_for(3, 4, false);
			assert_eq!(escrow_held(ALICE), escrow);
			assert_eq!(deposit_held(ALICE), deposit);
			assert_eq!(free(ALICE), ENDOWMENT - escrow - deposit);
			let stored = policy(id);
			assert_eq!((stored.start, stored.expiry, stored.escrow), (1, EXPIRY, escrow));
			assert_eq!(stored.arrangements.len(), 3);
			let decide_by = 1 + ACCEPTANCE_WINDOW;
			assert_eq!(stored.decide_by, decide_by);
			for (share, arrangement) in grant.shares.iter().zip(&stored.arrangements) {
				let node = &share.node;
				assert_eq!(KeyFrags::<Test>::get(id, node).as_ref(), Some(&share.kfrag));
				assert_eq!(arrangement.kfrag_id, share.kfrag_id);
				assert_eq!(arrangement.status, ArrangementStatus::Proposed);
				assert_eq!(NodePolicies::<Test>::get(node).into_inner(), vec![(id, EXPIRY)]);
				assert_eq!(NodeProposals::<Test>::get(node).into_inner(), vec![(id, decide_by)]);
			}
			assert_eq!(OwnerPolicies::<Test>::get(ALICE).into_inner(), vec![id]);
			assert!(SettlementQueue::<Test>::contains_key(EXPIRY + SETTLEMENT_DELAY, id));
			assert!(DecisionQueue::<Test>::contains_key(decide_by, id));
			// Pending: it serves nobody until two nodes accept.
			assert_eq!(stored.state(1), PolicyState::Pending);
			assert_eq!(<Policy as PolicyProvider<_, _>>::live_policy(&id), None);
			assert_eq!(
				policy_events(),
				vec![Event::PolicyCreated {
					id,
					owner: ALICE,
					label: label(b"docs"),
					threshold: 2,
					nodes: BoundedVec::truncate_from(vec![11, 12, 13]),
					expiry: EXPIRY,
					decide_by,
					rate: RATE,
					escrow,
					deposit,
				}]
			);
		});
	}

	#[test]
	fn the_id_is_the_documented_hash() {
		new_test_ext().execute_with(|| {
			let grant = grant(1, &[11]);
			let id = create(&grant, 1, b"docs");
			let mut preimage = b"nkms/policy-id".to_vec();
			preimage.extend_from_slice(&ALICE.to_le_bytes());
			preimage.extend_from_slice(grant.umbral_keys.receiving.as_bytes());
			preimage.push(4 << 2); // compact length of the label
			preimage.extend_from_slice(b"docs");
			assert_eq!(id, sp_io::hashing::blake2_256(&preimage));
		});
	}

	#[test]
	fn the_deposit_counts_the_bytes_stored() {
		new_test_ext().execute_with(|| {
			use codec::{Encode, MaxEncodedLen};
			let grant = grant(2, &[11, 12, 13]);
			assert_ok!(create_as(ALICE, &grant, 2, b"docs", EXPIRY, Some(BOB)));
			let stored = policy(id_of(&grant, b"docs"));
			// Per node: its fragment, its entries in its lists of policies and of proposals.
			let per_node = EncryptedKeyFrag::max_encoded_len() + 2 * (32 + 8);
			// The owner's list, the settlement and decision queues; each status may grow to
			// `Accepted(block)`.
			let bytes = stored.encoded_size() + 3 * (per_node + 8) + 32 + 2 * (8 + 32);
			let compensation = 3 * DECLINE_COMPENSATION;
			assert_eq!(
				stored.deposit,
				DEPOSIT_BASE + DEPOSIT_PER_BYTE * bytes as Balance + compensation
			);
			assert_eq!(stored.requester, Some(BOB));
		});
	}

	#[test]
	fn terms_are_checked_each_with_its_error() {
		new_test_ext().execute_with(|| {
			let grant = grant(2, &[11, 12, 13]);
			let try_create =
				|umbral_keys: PolicyKeys, m: u8, shares: SharesOf<Test>, expiry, rate| {
					Policy::create_policy(
						RuntimeOrigin::signed(ALICE),
						label(b"docs"),
						umbral_keys,
						m,
						shares,
						expiry,
						rate,
						None,
					)
				};
			let shares = || grant.shares.clone();
			assert_noop!(
				try_create(grant.umbral_keys, 0, shares(), EXPIRY, RATE),
				PolicyError::InvalidThreshold
			);
			assert_noop!(
				try_create(grant.umbral_keys, 4, shares(), EXPIRY, RATE),
				PolicyError::InvalidThreshold
			);
			let mut bad = grant.umbral_keys;
			bad.receiving.0[0] = 4;
			assert_noop!(
				try_create(bad, 2, shares(), EXPIRY, RATE),
				PolicyError::InvalidReceivingKey
			);
			let mut bad = grant.umbral_keys;
			bad.delegating.0 = [0xff; 33];
			assert_noop!(
				try_create(bad, 2, shares(), EXPIRY, RATE),
				PolicyError::InvalidDelegatingKey
			);
			let mut bad = grant.umbral_keys;
			bad.verifying.0 = [0; 33];
			assert_noop!(
				try_create(bad, 2, shares(), EXPIRY, RATE),
				PolicyError::InvalidVerifyingKey
			);
			assert_noop!(
				try_create(grant.umbral_keys, 2, shares(), 1, RATE),
				PolicyError::ExpiryNotInFuture
			);
			// Its nodes have the whole acceptance window to decide.
			assert_noop!(
				try_create(grant.umbral_keys, 2, shares(), 1 + ACCEPTANCE_WINDOW, RATE),
				PolicyError::DurationTooShort
			);
			assert_noop!(
				try_create(grant.umbral_keys, 2, shares(), 2 + MAX_DURATION, RATE),
				PolicyError::DurationTooLong
			);
			assert_noop!(
				try_create(grant.umbral_keys, 2, shares(), EXPIRY, MIN_RATE - 1),
				PolicyError::RateBelowNodeMinimum
			);
			assert_noop!(
				try_create(grant.umbral_keys, 2, shares(), EXPIRY, Balance::MAX / 2),
				PolicyError::FeeOverflow
			);
			assert_noop!(
				try_create(grant.umbral_keys, 2, shares(), EXPIRY, ENDOWMENT),
				PolicyError::InsufficientBalance
			);
			let mut twice = shares();
			twice.as_mut()[2].node = 11;
			assert_noop!(
				try_create(grant.umbral_keys, 2, twice, EXPIRY, RATE),
				PolicyError::DuplicateNode
			);
			let mut same_id = shares();
			same_id.as_mut()[2].kfrag_id = grant.shares[0].kfrag_id;
			assert_noop!(
				try_create(grant.umbral_keys, 2, same_id, EXPIRY, RATE),
				PolicyError::DuplicateKeyFragId
			);
			let mut junk = shares();
			junk.as_mut()[1].kfrag =
				EncryptedKeyFrag::try_from_bytes(&[0x93; 105], &[0; 60]).unwrap();
			assert_noop!(
				try_create(grant.umbral_keys, 2, junk, EXPIRY, RATE),
				PolicyError::InvalidKeyFrag
			);
			Active::mutate(|active| active.retain(|node| *node != 13));
			InactiveStakers::mutate(|stakers| stakers.push(13));
			assert_noop!(
				try_create(grant.umbral_keys, 2, shares(), EXPIRY, RATE),
				PolicyError::NodeCannotServe
			);
			Active::set(NODES.to_vec());
			Leaving::set(vec![12]);
			assert_noop!(
				try_create(grant.umbral_keys, 2, shares(), EXPIRY, RATE),
				PolicyError::NodeCannotServe
			);
			Leaving::take();
			WithoutUmbralKey::mutate(|nodes| nodes.push(12));
			assert_noop!(
				try_create(grant.umbral_keys, 2, shares(), EXPIRY, RATE),
				PolicyError::NodeWithoutUmbralKey
			);
			WithoutUmbralKey::take();
			// The longest duration is allowed; then the id is taken.
			assert_ok!(try_create(grant.umbral_keys, 2, shares(), 1 + MAX_DURATION, RATE));
			assert_noop!(
				try_create(grant.umbral_keys, 2, shares(), EXPIRY, RATE),
				PolicyError::PolicyExists
			);
			assert_noop!(
				Policy::create_policy(
					RuntimeOrigin::none(),
					label(b"x"),
					grant.umbral_keys,
					2,
					shares(),
					EXPIRY,
					RATE,
					None
				),
				DispatchError::BadOrigin
			);
		});
	}

	#[test]
	fn nodes_and_owners_serve_and_own_a_bounded_number_of_policies() {
		new_test_ext().execute_with(|| {
			let grant = grant(1, &[11]);
			for name in [b"a", b"b", b"c", b"d"] {
				create(&grant, 1, name);
			}
			assert_noop!(create_as(3, &grant, 1, b"e", EXPIRY, None), PolicyError::NodeAtCapacity);
			// Policies that ended leave their slots before they are settled.
			System::set_block_number(EXPIRY);
			assert_ok!(create_as(3, &grant, 1, b"e", EXPIRY + 10, None));
			assert_eq!(NodePolicies::<Test>::get(11).len(), 1);
			let other = super::grant(1, &[12]);
			assert_noop!(
				create_as(ALICE, &other, 1, b"e", EXPIRY + 10, None),
				PolicyError::OwnerAtCapacity
			);
		});
	}
}

mod fees {
	use super::*;

	#[test]
	fn a_node_claims_the_fees_of_blocks_past_the_settlement_delay() {
		new_test_ext().execute_with(|| {
			let id = two_of_three();
			System::set_block_number(30);
			// A claim in block 31 is paid up to block 31 - 5 = 26: blocks 1..26.
			let view = Policy::policy_view(id).unwrap();
			assert_eq!((view.nodes[0].earned, view.nodes[0].claimable), (290, 250));
			System::set_block_number(31);
			assert_ok!(Policy::claim_fees(
				RuntimeOrigin::signed(11),
				BoundedVec::truncate_from(vec![id])
			));
			assert_eq!(free(11), ENDOWMENT + 250);
			assert_eq!(escrow_held(ALICE), RATE * 3 * 100 - 250);
			assert_eq!(
				policy_events().last(),
				Some(&Event::FeesPaid { id, node: 11, amount: 250 })
			);
			assert_noop!(
				Policy::claim_fees(RuntimeOrigin::signed(11), BoundedVec::truncate_from(vec![id])),
				PolicyError::NothingToClaim
			);
			assert_noop!(
				Policy::claim_fees(RuntimeOrigin::signed(14), BoundedVec::truncate_from(vec![id])),
				PolicyError::NotPolicyNode
			);
			// Unknown (settled) policies are skipped.
			assert_noop!(
				Policy::claim_fees(
					RuntimeOrigin::signed(11),
					BoundedVec::truncate_from(vec![[9; 32]])
				),
				PolicyError::NothingToClaim
			);
			// A block later, one more block is payable.
			System::set_block_number(32);
			assert_ok!(Policy::claim_fees(
				RuntimeOrigin::signed(11),
				BoundedVec::truncate_from(vec![id])
			));
			assert_eq!(free(11), ENDOWMENT + 260);
		});
	}

	#[test]
	fn a_node_claims_from_many_policies_at_once() {
		new_test_ext().execute_with(|| {
			let first = two_of_three();
			let second = create(&grant(1, &[11]), 1, b"other");
			System::set_block_number(16);
			assert_ok!(Policy::claim_fees(
				RuntimeOrigin::signed(11),
				BoundedVec::truncate_from(vec![first, second])
			));
			assert_eq!(free(11), ENDOWMENT + 2 * 100);
		});
	}

	#[test]
	fn a_missed_request_forfeits_its_window_once() {
		new_test_ext().execute_with(|| {
			let id = two_of_three();
			System::set_block_number(20);
			<Policy as PolicyProvider<_, _>>::missed_request(&id, &11, 10, 15);
			assert_eq!(
				policy_events().last(),
				Some(&Event::FeesForfeited { id, node: 11, amount: 50 })
			);
			// Overlapping: only blocks 15..18 are new.
			<Policy as PolicyProvider<_, _>>::missed_request(&id, &11, 12, 18);
			// A window reaching past now counts up to now only.
			<Policy as PolicyProvider<_, _>>::missed_request(&id, &11, 18, 40);
			assert_eq!(policy(id).arrangements[0].forfeited, 50 + 30 + 20);
			// Unknown policies and nodes change nothing.
			<Policy as PolicyProvider<_, _>>::missed_request(&[9; 32], &11, 1, 5);
			<Policy as PolicyProvider<_, _>>::missed_request(&id, &14, 1, 5);
			System::set_block_number(31);
			assert_ok!(Policy::claim_fees(
				RuntimeOrigin::signed(11),
				BoundedVec::truncate_from(vec![id])
			));
			assert_eq!(free(11), ENDOWMENT + 250 - 100);
			assert_eq!(policy(id).forfeits, 100);
		});
	}

	#[test]
	fn forfeits_are_deducted_from_the_next_payments() {
		new_test_ext().execute_with(|| {
			let id = two_of_three();
			System::set_block_number(40);
			let claim = || {
				Policy::claim_fees(RuntimeOrigin::signed(12), BoundedVec::truncate_from(vec![id]))
			};
			assert_ok!(claim());
			assert_eq!(free(12), ENDOWMENT + 340);
			System::set_block_number(41);
			<Policy as PolicyProvider<_, _>>::missed_request(&id, &12, 36, 41);
			// Blocks 35..38 are payable at 43, and the 50 forfeited takes all of them.
			System::set_block_number(43);
			assert_noop!(claim(), PolicyError::NothingToClaim);
			System::set_block_number(47);
			assert_ok!(claim());
			assert_eq!(free(12), ENDOWMENT + 340 + 70 - 50);
			assert_eq!(policy(id).forfeits, 50);
		});
	}

	#[test]
	fn a_late_report_is_deducted_from_later_payments() {
		new_test_ext().execute_with(|| {
			let id = two_of_three();
			System::set_block_number(31);
			assert_ok!(Policy::claim_fees(
				RuntimeOrigin::signed(11),
				BoundedVec::truncate_from(vec![id])
			));
			assert_eq!(free(11), ENDOWMENT + 250);
			// A miss in blocks 20..25, already paid, is reported late.
			<Policy as PolicyProvider<_, _>>::missed_request(&id, &11, 20, 25);
			System::set_block_number(41);
			assert_ok!(Policy::claim_fees(
				RuntimeOrigin::signed(11),
				BoundedVec::truncate_from(vec![id])
			));
			assert_eq!(free(11), ENDOWMENT + 350 - 50);
		});
	}

	#[test]
	fn settlement_pays_nodes_for_every_block_served_and_returns_the_rest() {
		new_test_ext().execute_with(|| {
			let id = two_of_three();
			let deposit = policy(id).deposit;
			System::set_block_number(50);
			<Policy as PolicyProvider<_, _>>::missed_request(&id, &13, 40, 50);
			run_to(EXPIRY + SETTLEMENT_DELAY);
			assert!(!Policies::<Test>::contains_key(id));
			assert_eq!(free(11), ENDOWMENT + 1_000);
			assert_eq!(free(12), ENDOWMENT + 1_000);
			assert_eq!(free(13), ENDOWMENT + 900);
			assert_eq!(free(ALICE), ENDOWMENT - 2_900);
			assert_eq!((escrow_held(ALICE), deposit_held(ALICE)), (0, 0));
			assert_eq!(
				policy_events().last(),
				Some(&Event::PolicySettled {
					id,
					state: PolicyState::Expired,
					refund: 100,
					deposit
				})
			);
		});
	}

	#[test]
	fn fees_a_node_cannot_take_go_back_to_the_owner() {
		new_test_ext().execute_with(|| {
			let id = two_of_three();
			// Node 13 stops staking.
			Active::mutate(|active| active.retain(|node| *node != 13));
			System::set_block_number(20);
			assert_noop!(
				Policy::claim_fees(RuntimeOrigin::signed(13), BoundedVec::truncate_from(vec![id])),
				sp_runtime::TokenError::UnknownAsset
			);
			run_to(EXPIRY + SETTLEMENT_DELAY);
			assert_eq!(free(13), ENDOWMENT);
			assert_eq!(free(ALICE), ENDOWMENT - 2_000);
			assert!(policy_events().contains(&Event::FeesUnpaid { id, node: 13, amount: 1_000 }));
		});
	}
}

mod revocation {
	use super::*;

	#[test]
	fn revoking_refunds_unserved_fees_and_the_deposit_at_once() {
		new_test_ext().execute_with(|| {
			let id = two_of_three();
			System::set_block_number(41);
			assert_ok!(Policy::revoke_policy(RuntimeOrigin::signed(ALICE), id));
			// 60 unserved blocks of 3 nodes.
			assert_eq!(policy_events().last(), Some(&Event::PolicyRevoked { id, refund: 1_800 }));
			assert_eq!(escrow_held(ALICE), 1_200);
			assert_eq!(deposit_held(ALICE), 0);
			assert_eq!(free(ALICE), ENDOWMENT - 1_200);
			for node in [11, 12, 13] {
				assert!(!KeyFrags::<Test>::contains_key(id, node));
				assert!(NodePolicies::<Test>::get(node).is_empty());
			}
			assert_eq!(<Policy as PolicyProvider<_, _>>::live_policy(&id), None);
			assert_eq!(policy(id).state(41), PolicyState::Revoked);
			assert_noop!(
				Policy::revoke_policy(RuntimeOrigin::signed(ALICE), id),
				PolicyError::PolicyNotLive
			);
			// Earned fees stay claimable, then are settled.
			System::set_block_number(45);
			assert_ok!(Policy::claim_fees(
				RuntimeOrigin::signed(11),
				BoundedVec::truncate_from(vec![id])
			));
			assert_eq!(free(11), ENDOWMENT + 390);
			assert_noop!(
				Policy::reap_policy(RuntimeOrigin::signed(5), id),
				PolicyError::NotYetSettleable
			);
			System::set_block_number(46);
			assert_ok!(Policy::reap_policy(RuntimeOrigin::signed(5), id));
			assert_eq!([free(11), free(12), free(13)], [ENDOWMENT + 400; 3]);
			assert_eq!(
				policy_events().last(),
				Some(&Event::PolicySettled {
					id,
					state: PolicyState::Revoked,
					refund: 0,
					deposit: 0
				})
			);
		});
	}

	#[test]
	fn only_the_owner_revokes_a_live_policy() {
		new_test_ext().execute_with(|| {
			let id = two_of_three();
			assert_noop!(
				Policy::revoke_policy(RuntimeOrigin::signed(BOB), id),
				PolicyError::NotOwner
			);
			assert_noop!(
				Policy::revoke_policy(RuntimeOrigin::signed(ALICE), [9; 32]),
				PolicyError::UnknownPolicy
			);
			System::set_block_number(EXPIRY);
			assert_noop!(
				Policy::revoke_policy(RuntimeOrigin::signed(ALICE), id),
				PolicyError::PolicyNotLive
			);
		});
	}

	#[test]
	fn a_node_is_revoked_while_m_remain() {
		new_test_ext().execute_with(|| {
			let id = two_of_three();
			System::set_block_number(21);
			assert_ok!(Policy::revoke_node(RuntimeOrigin::signed(ALICE), id, 12));
			assert_eq!(
				policy_events().last(),
				Some(&Event::NodeRevoked { id, node: 12, refund: 800 })
			);
			assert!(!KeyFrags::<Test>::contains_key(id, 12));
			assert!(!<Policy as PolicyObligations<_>>::serves_live_policies(&12));
			assert_eq!(
				<Policy as PolicyProvider<_, _>>::live_policy(&id)
					.unwrap()
					.nodes
					.iter()
					.map(|node| node.account)
					.collect::<Vec<_>>(),
				vec![11, 13]
			);
			assert_noop!(
				Policy::revoke_node(RuntimeOrigin::signed(ALICE), id, 13),
				PolicyError::BelowThreshold
			);
			assert_noop!(
				Policy::revoke_node(RuntimeOrigin::signed(ALICE), id, 12),
				PolicyError::NotServing
			);
			assert_noop!(
				Policy::revoke_node(RuntimeOrigin::signed(ALICE), id, 14),
				PolicyError::NotServing
			);
			assert_noop!(
				Policy::revoke_node(RuntimeOrigin::signed(BOB), id, 11),
				PolicyError::NotOwner
			);
			// The revoked node is paid for its 20 blocks at settlement.
			run_to(EXPIRY + SETTLEMENT_DELAY);
			assert_eq!(free(12), ENDOWMENT + 200);
			assert_eq!(free(11), ENDOWMENT + 1_000);
		});
	}
}

mod extension {
	use super::*;

	#[test]
	fn extending_holds_the_extra_escrow_of_serving_nodes() {
		new_test_ext().execute_with(|| {
			let id = two_of_three();
			System::set_block_number(10);
			assert_ok!(Policy::revoke_node(RuntimeOrigin::signed(ALICE), id, 13));
			System::set_block_number(50);
			assert_ok!(Policy::extend_policy(RuntimeOrigin::signed(ALICE), id, 201));
			assert_eq!(
				policy_events().last(),
				Some(&Event::PolicyExtended { id, expiry: 201, escrow: 2_000 })
			);
			assert_eq!(NodePolicies::<Test>::get(11).into_inner(), vec![(id, 201)]);
			assert!(SettlementQueue::<Test>::contains_key(201 + SETTLEMENT_DELAY, id));
			assert!(!SettlementQueue::<Test>::contains_key(EXPIRY + SETTLEMENT_DELAY, id));
			System::set_block_number(150);
			assert!(<Policy as PolicyProvider<_, _>>::live_policy(&id).is_some());
			run_to(201 + SETTLEMENT_DELAY);
			assert_eq!(
				[free(11), free(12), free(13)],
				[ENDOWMENT + 2_000, ENDOWMENT + 2_000, ENDOWMENT + 90]
			);
		});
	}

	#[test]
	fn extension_asks_every_serving_node_again() {
		new_test_ext().execute_with(|| {
			let id = two_of_three();
			Leaving::set(vec![13]);
			assert_noop!(
				Policy::extend_policy(RuntimeOrigin::signed(ALICE), id, 200),
				PolicyError::NodeCannotServe
			);
			Leaving::take();
			assert_ok!(Policy::set_min_fee_rate(RuntimeOrigin::signed(12), Some(RATE + 1)));
			assert_noop!(
				Policy::extend_policy(RuntimeOrigin::signed(ALICE), id, 200),
				PolicyError::RateBelowNodeMinimum
			);
			// Without that node, the others extend.
			assert_ok!(Policy::revoke_node(RuntimeOrigin::signed(ALICE), id, 12));
			assert_ok!(Policy::extend_policy(RuntimeOrigin::signed(ALICE), id, 200));
		});
	}

	#[test]
	fn extension_terms_are_checked() {
		new_test_ext().execute_with(|| {
			let id = two_of_three();
			assert_noop!(
				Policy::extend_policy(RuntimeOrigin::signed(ALICE), id, EXPIRY),
				PolicyError::ExpiryNotLater
			);
			assert_noop!(
				Policy::extend_policy(RuntimeOrigin::signed(ALICE), id, 2 + MAX_DURATION),
				PolicyError::DurationTooLong
			);
			assert_noop!(
				Policy::extend_policy(RuntimeOrigin::signed(BOB), id, 200),
				PolicyError::NotOwner
			);
			System::set_block_number(EXPIRY);
			assert_noop!(
				Policy::extend_policy(RuntimeOrigin::signed(ALICE), id, 200),
				PolicyError::PolicyNotLive
			);
		});
	}
}

mod expiry {
	use super::*;

	#[test]
	fn a_policy_is_live_until_the_block_before_its_expiry() {
		new_test_ext().execute_with(|| {
			let id = two_of_three();
			System::set_block_number(EXPIRY - 1);
			let live = <Policy as PolicyProvider<_, _>>::live_policy(&id).unwrap();
			let kfrag_ids = policy(id).arrangements.iter().map(|a| a.kfrag_id).collect::<Vec<_>>();
			let nodes = [11, 12, 13]
				.into_iter()
				.zip(kfrag_ids)
				.map(|(account, kfrag_id)| PolicyNode { account, kfrag_id })
				.collect::<Vec<_>>();
			assert_eq!((live.threshold, live.nodes, live.ends_at), (2, nodes, EXPIRY));
			assert_eq!(live.keys, policy(id).umbral_keys);
			assert!(<Policy as PolicyObligations<_>>::serves_live_policies(&11));
			System::set_block_number(EXPIRY);
			assert_eq!(<Policy as PolicyProvider<_, _>>::live_policy(&id), None);
			assert!(!<Policy as PolicyObligations<_>>::serves_live_policies(&11));
			assert_eq!(Policy::policy_view(id).unwrap().state, PolicyState::Expired);
			// Its fragments stay until it is settled.
			assert!(<Policy as PolicyProvider<_, _>>::encrypted_kfrag(&id, &11).is_some());
		});
	}

	#[test]
	fn anyone_settles_an_expired_policy_after_the_delay() {
		new_test_ext().execute_with(|| {
			let id = two_of_three();
			let deposit = policy(id).deposit;
			System::set_block_number(EXPIRY + SETTLEMENT_DELAY - 1);
			assert_noop!(
				Policy::reap_policy(RuntimeOrigin::signed(5), id),
				PolicyError::NotYetSettleable
			);
			System::set_block_number(EXPIRY + SETTLEMENT_DELAY);
			assert_ok!(Policy::reap_policy(RuntimeOrigin::signed(5), id));
			assert_eq!(
				policy_events().last(),
				Some(&Event::PolicySettled { id, state: PolicyState::Expired, refund: 0, deposit })
			);
			assert_eq!(free(ALICE), ENDOWMENT - 3_000);
			assert_eq!(KeyFrags::<Test>::iter().count(), 0);
			assert_eq!(NodePolicies::<Test>::iter().count(), 0);
			assert_eq!(OwnerPolicies::<Test>::iter().count(), 0);
			assert_eq!(SettlementQueue::<Test>::iter().count(), 0);
			assert_noop!(
				Policy::reap_policy(RuntimeOrigin::signed(5), id),
				PolicyError::UnknownPolicy
			);
		});
	}

	#[test]
	fn on_idle_settles_as_many_policies_as_its_weight_allows() {
		new_test_ext().execute_with(|| {
			// Six policies of three owners over two nodes each, all due at the same block.
			let mut ids = vec![];
			for (owner, nodes) in [(1, [11, 12]), (3, [13, 14]), (4, [15, 11])] {
				for name in [b"a", b"b"] {
					let grant = grant(1, &nodes);
					assert_ok!(create_as(owner, &grant, 1, name, EXPIRY, None));
					let id = crate::policy_id(&owner, &grant.umbral_keys.receiving, name);
					for node in nodes {
						assert_ok!(accept(id, node));
					}
					ids.push(id);
				}
			}
			let due = EXPIRY + SETTLEMENT_DELAY;
			// Every block before is walked: the acceptance windows were closed long ago.
			run_to(due - 1);
			System::set_block_number(due);
			type Weights = <Test as Config>::WeightInfo;
			let decisions = Weights::walk_decision_queue(0);
			let decision_step = Weights::walk_decision_queue(1) - decisions;
			let base = Weights::walk_settlement_queue(0);
			let step = Weights::walk_settlement_queue(1) - base;
			let settle = Weights::settle_due(MAX_SHARES);
			assert_eq!(Policy::on_idle(due, decisions - Weight::from_parts(1, 0)), Weight::zero());
			// The decision cursor walks the block `due`; then there is no room to settle.
			let walked = decisions + decision_step;
			assert_eq!(Policy::on_idle(due, walked + base - Weight::from_parts(1, 0)), walked);
			// The settlement cursor looks at block `due` but cannot settle there.
			assert_eq!(Policy::on_idle(due, decisions + base + step), decisions + base + step);
			assert_eq!(NextSettlement::<Test>::get(), due);
			assert_eq!(Policies::<Test>::iter().count(), 6);
			// Room for two settlements.
			let two = decisions + base + (step + settle).saturating_mul(2);
			assert_eq!(Policy::on_idle(due, two), two);
			assert_eq!(Policies::<Test>::iter().count(), 4);
			Policy::on_idle(due, Weight::MAX);
			assert_eq!(Policies::<Test>::iter().count(), 0);
			assert_eq!(NextSettlement::<Test>::get(), due + 1);
		});
	}
}

mod consent {
	use super::*;

	fn proposals(node: AccountId) -> Vec<PolicyId> {
		NodeProposals::<Test>::get(node).iter().map(|(id, _)| *id).collect()
	}

	fn live_nodes(id: PolicyId) -> Vec<AccountId> {
		<Policy as PolicyProvider<_, _>>::live_policy(&id)
			.map(|live| live.nodes.iter().map(|node| node.account).collect())
			.unwrap_or_default()
	}

	#[test]
	fn a_node_serves_and_earns_from_its_acceptance() {
		new_test_ext().execute_with(|| {
			let id = create_proposed(&grant(2, &[11, 12, 13]), 2, b"docs");
			let deposit = Policy::deposit_for(3, 4, false);
			assert_eq!(<Policy as PolicyProvider<_, _>>::proposals(&11)[0].policy, id);
			System::set_block_number(2);
			assert_ok!(accept(id, 11));
			// Its fee of block 1 and its part of the deposit go back to Alice.
			assert_eq!(
				policy_events().last(),
				Some(&Event::ArrangementAccepted {
					id,
					node: 11,
					refund: RATE + DECLINE_COMPENSATION
				})
			);
			assert_eq!(escrow_held(ALICE), RATE * 3 * 100 - RATE);
			assert_eq!(deposit_held(ALICE), deposit - DECLINE_COMPENSATION);
			assert!(proposals(11).is_empty());
			assert!(<Policy as PolicyProvider<_, _>>::proposals(&11).is_empty());
			assert_eq!(policy(id).state(2), PolicyState::Pending);
			assert!(live_nodes(id).is_empty(), "one acceptance of two needed");

			System::set_block_number(3);
			assert_ok!(accept(id, 12));
			let events = policy_events();
			assert_eq!(events[events.len() - 1], Event::PolicyActivated { id });
			assert_eq!(live_nodes(id), vec![11, 12], "13 has not accepted: no request for it");
			System::set_block_number(30);
			let view = Policy::policy_view(id).unwrap();
			let earned: Vec<_> = view.nodes.iter().map(|n| (n.node, n.earned)).collect();
			assert_eq!(earned, vec![(11, 280), (12, 270), (13, 0)]);
			assert_eq!(view.nodes[0].status, ArrangementStatus::Accepted(2));
			assert_eq!(view.nodes[2].status, ArrangementStatus::Proposed);
		});
	}

	#[test]
	fn silent_nodes_lapse_with_a_strike_when_the_window_closes() {
		new_test_ext().execute_with(|| {
			let id = create_proposed(&grant(2, &[11, 12, 13]), 2, b"docs");
			System::set_block_number(2);
			assert_ok!(accept(id, 11));
			assert_ok!(accept(id, 12));
			run_to(1 + ACCEPTANCE_WINDOW);
			assert_eq!(MissedDecisions::get(), vec![(13, id)], "only the silent node");
			assert!(policy_events().contains(&Event::ArrangementLapsed {
				id,
				node: 13,
				refund: RATE * 100 + DECLINE_COMPENSATION
			}));
			assert_eq!(policy(id).arrangements.len(), 2);
			assert!(!KeyFrags::<Test>::contains_key(id, 13));
			assert!(NodePolicies::<Test>::get(13).is_empty());
			assert_eq!(live_nodes(id), vec![11, 12]);
			assert!(!DecisionQueue::<Test>::contains_key(1 + ACCEPTANCE_WINDOW, id));
		});
	}

	#[test]
	fn a_policy_that_misses_m_acceptances_fails_and_pays_what_was_served() {
		new_test_ext().execute_with(|| {
			let id = create_proposed(&grant(2, &[11, 12, 13]), 2, b"docs");
			System::set_block_number(2);
			assert_ok!(accept(id, 11));
			// Past the window the policy is failed at once, before `on_idle` ends it.
			assert_eq!(policy(id).state(1 + ACCEPTANCE_WINDOW), PolicyState::Failed);
			run_to(1 + ACCEPTANCE_WINDOW);
			assert_eq!(MissedDecisions::get(), vec![(12, id), (13, id)]);
			let decided = 1 + ACCEPTANCE_WINDOW;
			assert_eq!(policy(id).ended, Some((decided, Ending::Failed)));
			assert!(policy_events()
				.contains(&Event::PolicyFailed { id, refund: RATE * (EXPIRY - decided) }));
			// Node 11 served blocks 2 and 3; everything else is back with Alice.
			assert_eq!((escrow_held(ALICE), deposit_held(ALICE)), (2 * RATE, 0));
			run_to(decided + SETTLEMENT_DELAY);
			assert!(!Policies::<Test>::contains_key(id));
			assert_eq!(free(11), ENDOWMENT + 2 * RATE);
			assert_eq!(free(ALICE), ENDOWMENT - 2 * RATE);
		});
	}

	#[test]
	fn a_decline_pays_the_node_for_its_check_and_can_fail_the_policy() {
		new_test_ext().execute_with(|| {
			let id = create_proposed(&grant(2, &[11, 12, 13]), 2, b"docs");
			System::set_block_number(2);
			assert_ok!(decline(id, 13));
			assert_eq!(
				policy_events().last(),
				Some(&Event::ArrangementDeclined {
					id,
					node: 13,
					fault: KfragFault::Undecryptable,
					compensation: DECLINE_COMPENSATION,
					refund: RATE * 100
				})
			);
			assert_eq!(free(13), ENDOWMENT + DECLINE_COMPENSATION);
			assert_eq!(policy(id).arrangements.len(), 2);
			assert!(!KeyFrags::<Test>::contains_key(id, 13) && proposals(13).is_empty());
			// With one more decline two nodes can no longer accept: the policy fails.
			assert_ok!(decline(id, 12));
			assert_eq!(policy(id).state(2), PolicyState::Failed);
			assert_eq!(deposit_held(ALICE), 0);
			assert!(MissedDecisions::get().is_empty(), "nobody is struck for declining");
			run_to(2 + SETTLEMENT_DELAY);
			assert!(!Policies::<Test>::contains_key(id));
			// Alice paid the two checks; node 11 was never bound and gets nothing.
			assert_eq!(free(ALICE), ENDOWMENT - 2 * DECLINE_COMPENSATION);
			assert_eq!(free(11), ENDOWMENT);
			assert!(MissedDecisions::get().is_empty());
		});
	}

	#[test]
	fn the_compensation_is_at_most_the_nodes_share_of_the_escrow() {
		new_test_ext().execute_with(|| {
			let grant = grant(1, &[11]);
			assert_ok!(Policy::create_policy(
				RuntimeOrigin::signed(ALICE),
				label(b"small"),
				grant.umbral_keys,
				1,
				grant.shares.clone(),
				5,
				MIN_RATE,
				None
			));
			let id = id_of(&grant, b"small");
			assert_ok!(decline(id, 11));
			let share = MIN_RATE * 4;
			assert!(policy_events().contains(&Event::ArrangementDeclined {
				id,
				node: 11,
				fault: KfragFault::Undecryptable,
				compensation: share,
				refund: DECLINE_COMPENSATION
			}));
			assert_eq!(free(11), ENDOWMENT + share);
		});
	}

	#[test]
	fn a_decision_is_refused_unless_it_is_the_nodes_to_make_now() {
		new_test_ext().execute_with(|| {
			let id = create_proposed(&grant(2, &[11, 12, 13]), 2, b"docs");
			let feeless = |node: AccountId, digest: [u8; 32]| {
				Policy::proposal_of(&RuntimeOrigin::signed(node), &id, &digest).is_ok()
			};
			assert!(feeless(11, digest(id, 11)));
			assert!(!feeless(BOB, digest(id, 11)), "not a node");
			assert!(!feeless(14, digest(id, 11)), "not a node of the policy");
			assert!(!feeless(11, [0; 32]), "other terms");
			assert_noop!(
				Policy::accept_arrangement(RuntimeOrigin::signed(BOB), id, digest(id, 11)),
				PolicyError::NotProposed
			);
			assert_noop!(
				Policy::accept_arrangement(RuntimeOrigin::signed(11), id, [0; 32]),
				PolicyError::ArrangementMismatch
			);
			assert_noop!(
				Policy::accept_arrangement(RuntimeOrigin::signed(11), [9; 32], [0; 32]),
				PolicyError::UnknownPolicy
			);
			// A fork where the id stands for other terms (another key fragment for node 12):
			// the decision made for the terms the node checked does not bind it to those.
			let checked = digest(id, 12);
			let original = KeyFrags::<Test>::get(id, 12).unwrap();
			KeyFrags::<Test>::insert(id, 12, grant(2, &[12]).shares[0].kfrag.clone());
			assert_noop!(
				Policy::accept_arrangement(RuntimeOrigin::signed(12), id, checked),
				PolicyError::ArrangementMismatch
			);
			KeyFrags::<Test>::insert(id, 12, original);
			// One decision per node.
			assert_ok!(accept(id, 11));
			assert!(!feeless(11, digest(id, 11)));
			assert_noop!(accept(id, 11), PolicyError::NotProposed);
			assert_noop!(decline(id, 11), PolicyError::NotProposed);
			// The window closes.
			System::set_block_number(1 + ACCEPTANCE_WINDOW);
			assert!(!feeless(12, digest(id, 12)));
			assert_noop!(accept(id, 12), PolicyError::DecisionWindowClosed);
		});
	}

	#[test]
	fn decisions_end_with_the_policy() {
		new_test_ext().execute_with(|| {
			let id = create_proposed(&grant(2, &[11, 12, 13]), 2, b"docs");
			assert_ok!(Policy::revoke_policy(RuntimeOrigin::signed(ALICE), id));
			assert_noop!(
				Policy::accept_arrangement(RuntimeOrigin::signed(11), id, [0; 32]),
				PolicyError::PolicyNotLive
			);
			assert!(proposals(11).is_empty());
			assert_eq!(deposit_held(ALICE), 0);
			run_to(1 + ACCEPTANCE_WINDOW);
			assert!(MissedDecisions::get().is_empty(), "no strike for a revoked policy");
		});
	}

	#[test]
	fn a_node_is_asked_to_decide_on_a_bounded_number_of_policies() {
		new_test_ext().execute_with(|| {
			let grant = grant(1, &[11]);
			for name in [b"a", b"b", b"c"] {
				create_proposed(&grant, 1, name);
			}
			assert_noop!(create_as(ALICE, &grant, 1, b"d", EXPIRY, None), PolicyError::NodeBusy);
			assert_ok!(accept(id_of(&grant, b"a"), 11));
			assert_ok!(create_as(ALICE, &grant, 1, b"d", EXPIRY, None));
			// Proposals whose window closed leave the list at the next creation.
			System::set_block_number(1 + ACCEPTANCE_WINDOW);
			assert_ok!(Policy::revoke_policy(RuntimeOrigin::signed(ALICE), id_of(&grant, b"a")));
			assert_ok!(create_as(3, &grant, 1, b"e", EXPIRY, None));
			assert_eq!(
				proposals(11),
				vec![crate::policy_id(&3u64, &grant.umbral_keys.receiving, b"e")]
			);
		});
	}

	#[test]
	fn a_node_sets_the_longest_policy_it_takes() {
		new_test_ext().execute_with(|| {
			assert_ok!(Policy::set_max_duration(RuntimeOrigin::signed(11), Some(50)));
			let deposit = DEPOSIT_BASE + 16;
			assert_eq!(MaxDurations::<Test>::get(11), Some((50, deposit)));
			assert_eq!(deposit_held(11), deposit);
			assert_eq!(
				policy_events().last(),
				Some(&Event::MaxDurationSet { node: 11, blocks: Some(50) })
			);
			let grant = grant(1, &[11]);
			assert_noop!(
				create_as(ALICE, &grant, 1, b"x", 52, None),
				PolicyError::DurationAboveNodeMaximum
			);
			assert_ok!(create_as(ALICE, &grant, 1, b"x", 51, None));
			let id = id_of(&grant, b"x");
			assert_ok!(accept(id, 11));
			assert_noop!(
				Policy::extend_policy(RuntimeOrigin::signed(ALICE), id, 52),
				PolicyError::DurationAboveNodeMaximum
			);
			System::set_block_number(2);
			assert_ok!(Policy::extend_policy(RuntimeOrigin::signed(ALICE), id, 52));
			assert_noop!(
				Policy::set_max_duration(RuntimeOrigin::signed(ALICE), Some(50)),
				PolicyError::NotStaker
			);
			assert_ok!(Policy::set_max_duration(RuntimeOrigin::signed(11), None));
			assert_eq!(deposit_held(11), 0);
			assert_eq!(Policy::max_duration(&11), MAX_DURATION);
			assert_noop!(
				Policy::set_max_duration(RuntimeOrigin::signed(11), None),
				PolicyError::NoMaxDuration
			);
		});
	}

	#[test]
	fn a_node_leaves_with_notice_and_the_policy_ends_when_m_would_not_be_left() {
		new_test_ext().execute_with(|| {
			let id = two_of_three();
			System::set_block_number(11);
			assert!(Policy::leaving_arrangement(&RuntimeOrigin::signed(12), &id, &None).is_ok());
			assert_ok!(Policy::leave_policy(RuntimeOrigin::signed(12), id, None));
			let until = 11 + LEAVE_NOTICE;
			assert_eq!(
				policy_events().last(),
				Some(&Event::NodeLeaving {
					id,
					node: 12,
					until,
					fault: None,
					refund: RATE * (EXPIRY - until)
				})
			);
			assert_eq!(NodePolicies::<Test>::get(12).into_inner(), vec![(id, until)]);
			assert_eq!(live_nodes(id), vec![11, 12, 13], "it serves its notice");
			assert_noop!(
				Policy::leave_policy(RuntimeOrigin::signed(12), id, None),
				PolicyError::AlreadyLeaving
			);
			assert_noop!(
				Policy::leave_policy(RuntimeOrigin::signed(14), id, None),
				PolicyError::NotAccepted
			);
			System::set_block_number(20);
			assert_ok!(Policy::leave_policy(RuntimeOrigin::signed(13), id, None));
			// Only node 11 would be left after block 40: the policy ends there.
			assert_eq!(
				policy_events().last(),
				Some(&Event::PolicyShortened { id, expiry: 40, refund: RATE * (EXPIRY - 40) })
			);
			assert_eq!(policy(id).expiry, 40);
			System::set_block_number(until);
			assert!(!<Policy as PolicyObligations<_>>::serves_live_policies(&12));
			assert!(<Policy as PolicyObligations<_>>::serves_live_policies(&13));
			assert_eq!(live_nodes(id), vec![11, 13]);
			run_to(40 + SETTLEMENT_DELAY);
			assert_eq!(
				[free(11), free(12), free(13)],
				[ENDOWMENT + 390, ENDOWMENT + 300, ENDOWMENT + 390]
			);
			assert_eq!(free(ALICE), ENDOWMENT - 1_080);
		});
	}

	#[test]
	fn a_node_that_finds_its_fragment_faulty_leaves_at_once() {
		new_test_ext().execute_with(|| {
			let id = two_of_three();
			System::set_block_number(11);
			let fault = Some(KfragFault::Rejected(
				nkms_primitives::CfragVerificationError::IncorrectKeyFragSignature,
			));
			assert_ok!(Policy::leave_policy(RuntimeOrigin::signed(13), id, fault));
			assert_eq!(policy(id).arrangements[2].status, ArrangementStatus::Withdrawn);
			assert!(!KeyFrags::<Test>::contains_key(id, 13));
			assert_eq!(live_nodes(id), vec![11, 12]);
			System::set_block_number(12);
			assert_ok!(Policy::leave_policy(RuntimeOrigin::signed(12), id, fault));
			assert_eq!(policy(id).expiry, 12);
			assert_eq!(policy(id).state(12), PolicyState::Expired);
			assert_eq!(<Policy as PolicyProvider<_, _>>::live_policy(&id), None);
		});
	}

	/// A colluding node that accepts and leaves at once ends a policy within the window: the
	/// honest node that could not decide in time is not struck.
	#[test]
	fn a_policy_ended_within_the_window_strikes_nobody() {
		new_test_ext().execute_with(|| {
			let id = create_proposed(&grant(2, &[11, 12]), 2, b"docs");
			assert_ok!(accept(id, 11));
			let fault = Some(KfragFault::Undecryptable);
			assert_ok!(Policy::leave_policy(RuntimeOrigin::signed(11), id, fault));
			assert_eq!(policy(id).state(1), PolicyState::Expired);
			run_to(1 + ACCEPTANCE_WINDOW);
			assert!(MissedDecisions::get().is_empty());
			assert!(NodeProposals::<Test>::get(12).is_empty());
		});
	}

	#[test]
	fn the_owner_withdraws_a_node_that_has_not_decided() {
		new_test_ext().execute_with(|| {
			let id = create_proposed(&grant(2, &[11, 12, 13]), 2, b"docs");
			assert_ok!(accept(id, 11));
			assert_ok!(accept(id, 12));
			assert_ok!(Policy::revoke_node(RuntimeOrigin::signed(ALICE), id, 13));
			assert_eq!(
				policy_events().last(),
				Some(&Event::NodeRevoked {
					id,
					node: 13,
					refund: RATE * 100 + DECLINE_COMPENSATION
				})
			);
			assert_eq!(policy(id).arrangements.len(), 2);
			assert!(proposals(13).is_empty());
			assert_noop!(
				Policy::revoke_node(RuntimeOrigin::signed(ALICE), id, 12),
				PolicyError::BelowThreshold
			);
			run_to(1 + ACCEPTANCE_WINDOW);
			assert!(MissedDecisions::get().is_empty());
		});
	}
}

mod nodes {
	use super::*;

	#[test]
	fn a_staker_sets_its_minimum_rate_within_the_range() {
		new_test_ext().execute_with(|| {
			assert_ok!(Policy::set_min_fee_rate(RuntimeOrigin::signed(11), Some(20)));
			let deposit = DEPOSIT_BASE + 16;
			assert_eq!(MinFeeRates::<Test>::get(11), Some((20, deposit)));
			assert_eq!(deposit_held(11), deposit);
			assert_eq!(Policy::min_fee_rate(&11), 20);
			assert_eq!(
				policy_events().last(),
				Some(&Event::MinFeeRateSet { node: 11, rate: Some(20) })
			);
			// A policy must pay every node's minimum.
			let grant = grant(1, &[11]);
			assert_noop!(
				Policy::create_policy(
					RuntimeOrigin::signed(ALICE),
					label(b"x"),
					grant.umbral_keys,
					1,
					grant.shares.clone(),
					EXPIRY,
					19,
					None
				),
				PolicyError::RateBelowNodeMinimum
			);
			// Updating keeps the deposit; errors.
			assert_ok!(Policy::set_min_fee_rate(RuntimeOrigin::signed(11), Some(MAX_RATE)));
			assert_eq!(deposit_held(11), deposit);
			assert_noop!(
				Policy::set_min_fee_rate(RuntimeOrigin::signed(11), Some(MAX_RATE + 1)),
				PolicyError::RateOutOfRange
			);
			assert_noop!(
				Policy::set_min_fee_rate(RuntimeOrigin::signed(11), Some(MIN_RATE - 1)),
				PolicyError::RateOutOfRange
			);
			assert_noop!(
				Policy::set_min_fee_rate(RuntimeOrigin::signed(ALICE), Some(20)),
				PolicyError::NotStaker
			);
			// Clearing gives the deposit back.
			assert_ok!(Policy::set_min_fee_rate(RuntimeOrigin::signed(11), None));
			assert_eq!(deposit_held(11), 0);
			assert_eq!(Policy::min_fee_rate(&11), MIN_RATE);
			assert_noop!(
				Policy::set_min_fee_rate(RuntimeOrigin::signed(11), None),
				PolicyError::NoMinFeeRate
			);
		});
	}

	#[test]
	fn the_admin_sets_the_range_and_minimums_outside_it_fall_back() {
		new_test_ext().execute_with(|| {
			assert_ok!(Policy::set_min_fee_rate(RuntimeOrigin::signed(11), Some(50)));
			let range = FeeRateRange { min: 5, max: 40 };
			assert_noop!(
				Policy::set_fee_rate_range(RuntimeOrigin::signed(11), range),
				DispatchError::BadOrigin
			);
			assert_noop!(
				Policy::set_fee_rate_range(RuntimeOrigin::root(), FeeRateRange { min: 6, max: 5 }),
				PolicyError::RateOutOfRange
			);
			assert_ok!(Policy::set_fee_rate_range(RuntimeOrigin::root(), range));
			assert_eq!(policy_events().last(), Some(&Event::FeeRateRangeSet { range }));
			assert_eq!(Policy::min_fee_rate(&11), 5);
			assert_eq!(Policy::min_fee_rate(&12), 5);
		});
	}

	#[test]
	fn a_node_serving_a_live_policy_has_obligations_until_it_ends() {
		new_test_ext().execute_with(|| {
			let id = two_of_three();
			assert!(<Policy as PolicyObligations<_>>::serves_live_policies(&13));
			assert!(!<Policy as PolicyObligations<_>>::serves_live_policies(&14));
			assert_ok!(Policy::revoke_policy(RuntimeOrigin::signed(ALICE), id));
			assert!(!<Policy as PolicyObligations<_>>::serves_live_policies(&13));
		});
	}
}

mod queries {
	use super::*;

	#[test]
	fn the_quote_is_what_creation_holds() {
		new_test_ext().execute_with(|| {
			// The quote is for a creation in the next block.
			let quote = Policy::quote(3, RATE, EXPIRY, 4, true).unwrap();
			System::set_block_number(2);
			let grant = grant(2, &[11, 12, 13]);
			assert_ok!(create_as(ALICE, &grant, 2, b"docs", EXPIRY, Some(BOB)));
			assert_eq!((quote.escrow, quote.deposit), (escrow_held(ALICE), deposit_held(ALICE)));
			assert_eq!(Policy::quote(0, RATE, EXPIRY, 4, true), None);
			assert_eq!(Policy::quote(MAX_SHARES + 1, RATE, EXPIRY, 4, true), None);
			assert_eq!(Policy::quote(3, RATE, 3, 4, true), None);
			assert_eq!(Policy::quote(3, RATE, EXPIRY, 17, true), None);
		});
	}

	#[test]
	fn the_view_shows_each_nodes_fees() {
		new_test_ext().execute_with(|| {
			let id = two_of_three();
			System::set_block_number(20);
			<Policy as PolicyProvider<_, _>>::missed_request(&id, &12, 5, 10);
			let view = Policy::policy_view(id).unwrap();
			assert_eq!((view.owner, view.threshold, view.state), (ALICE, 2, PolicyState::Live));
			assert_eq!(view.label, b"docs".to_vec());
			let fees: Vec<_> = view.nodes.iter().map(|n| (n.node, n.earned, n.claimable)).collect();
			// A claim in block 21 is paid up to block 16.
			assert_eq!(fees, vec![(11, 190, 150), (12, 140, 100), (13, 190, 150)]);
			assert_eq!(Policy::policy_view([9; 32]), None);
		});
	}
}

mod invariants {
	use super::*;

	fn check_after(breakage: impl FnOnce(PolicyId)) -> Result<(), DispatchError> {
		new_test_ext().execute_unchecked(|| {
			let id = two_of_three();
			assert_eq!(Policy::do_try_state(), Ok(()));
			breakage(id);
			Policy::do_try_state()
		})
	}

	#[test]
	fn broken_accounts_are_caught() {
		assert_eq!(
			check_after(|id| Policies::<Test>::mutate(id, |p| p.as_mut().unwrap().escrow += 1)),
			Err("a policy's escrow is not what it owes".into())
		);
		let released = |_| {
			assert_ok!(<Balances as MutateHold<_>>::release(
				&RuntimeHoldReason::Policy(HoldReason::Escrow),
				&ALICE,
				1,
				Precision::Exact,
			));
		};
		assert_eq!(
			check_after(released),
			Err("an owner's escrow hold differs from its policies' escrow".into())
		);
		assert_eq!(
			check_after(|_| MinFeeRates::<Test>::insert(11, (5, 1))),
			Err("an account's deposit hold differs from its records' deposits".into())
		);
	}

	#[test]
	fn broken_indexes_are_caught() {
		assert_eq!(
			check_after(|id| KeyFrags::<Test>::remove(id, 12)),
			Err("a fragment is kept without service, or missing".into())
		);
		assert_eq!(
			check_after(|_| NodePolicies::<Test>::remove(13)),
			Err("a node does not list a policy it serves, with its service end".into())
		);
		assert_eq!(
			check_after(|id| SettlementQueue::<Test>::remove(EXPIRY + SETTLEMENT_DELAY, id)),
			Err("a policy is not queued for settlement at its end".into())
		);
		assert_eq!(
			check_after(|_| SettlementQueue::<Test>::insert(7, [9; 32], ())),
			Err("the settlement queue names a settled policy".into())
		);
		assert_eq!(
			check_after(|_| OwnerPolicies::<Test>::remove(ALICE)),
			Err("a policy is missing from its owner's list".into())
		);
	}
}

mod arithmetic {
	use super::*;

	type TestArrangement = Arrangement<u64, u64, u64>;

	#[test]
	fn payments_deduct_forfeits_and_carry_the_rest() {
		let mut arrangement = TestArrangement {
			node: 1,
			kfrag_id: [1; 32],
			status: ArrangementStatus::Accepted(0),
			until: 100,
			paid_until: 0,
			forfeited: 0,
			forfeited_until: 0,
		};
		assert_eq!(arrangement.forfeit(3, 100, 10, 20), 30);
		assert_eq!(arrangement.forfeit(3, 100, 15, 25), 15);
		assert_eq!(arrangement.forfeit(3, 100, 90, 120), 30);
		assert_eq!(arrangement.pay_until(3, 10), (0, 30));
		assert_eq!(arrangement.forfeited, 45);
		assert_eq!(arrangement.pay_until(3, 10), (0, 0));
		assert_eq!(arrangement.pay_until(3, 100), (225, 45));
		assert_eq!(fee_for(3u64, 5u64, 2u64), 0);
	}

	#[test]
	fn forfeits_of_paid_blocks_are_capped_by_what_is_unpaid() {
		let mut arrangement = TestArrangement {
			node: 1,
			kfrag_id: [1; 32],
			status: ArrangementStatus::Accepted(0),
			until: 100,
			paid_until: 0,
			forfeited: 0,
			forfeited_until: 0,
		};
		assert_eq!(arrangement.pay_until(3, 90), (270, 0));
		assert_eq!(arrangement.forfeit(3, 100, 40, 60), 30);
		assert_eq!(arrangement.forfeit(3, 100, 60, 100), 0);
		assert_eq!(arrangement.pay_until(3, 100), (0, 30));
	}
}
