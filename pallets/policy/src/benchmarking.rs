//! Benchmarks of every call and of settlement, each in its worst case: the nodes' and owners'
//! policy lists one short of full, the longest label and a requester.

// A benchmark whose setup fails must stop loudly.
#![allow(clippy::expect_used, clippy::indexing_slicing)]

use alloc::{vec, vec::Vec};
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{
		fungible::{Inspect, Mutate},
		EnsureOrigin, Get,
	},
	weights::WeightMeter,
	BoundedVec,
};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use nkms_primitives::{
	umbral_pre::{generate_kfrags_with_rng, SecretKeyFactory, Signer},
	EncryptedKeyFrag, UmbralPublicKey,
};
use rand_chacha::{rand_core::SeedableRng, ChaCha20Rng};
use sp_runtime::traits::{BlakeTwo256, Bounded, Hash, Saturating, Zero};

use crate::*;

/// What the benchmarks need from the pallets this one talks to.
pub trait BenchmarkHelper<AccountId> {
	/// An active node with a registered Umbral key, different for each `index`.
	fn make_node(index: u32) -> AccountId;
	/// Puts `node` one strike short of a slash for silence, so that a missed decision slashes.
	fn prepare_strike(node: &AccountId);
}

fn owner<T: Config>() -> T::AccountId {
	let owner = account("owner", 0, 0);
	T::Currency::set_balance(&owner, BalanceOf::<T>::max_value() / 1_000u32.into());
	owner
}

fn key(label: &[u8]) -> (nkms_primitives::umbral_pre::SecretKey, UmbralPublicKey) {
	let secret = SecretKeyFactory::from_secure_randomness(&[1u8; 32])
		.expect("a 32-byte seed")
		.make_key(label);
	let public = UmbralPublicKey::from_umbral(&secret.public_key()).expect("a point");
	(secret, public)
}

/// The terms of a policy named `name` over `n` new nodes, with the longest label and a
/// requester. The chain only checks that each key fragment decodes and that the ids differ, so
/// one fragment, encrypted to the first node, serves every node under its own id (the setup
/// stays fast).
fn terms<T: Config>(name: u32, n: u32) -> PolicyTerms<T> {
	let nodes: Vec<T::AccountId> =
		(0..n).map(|i| T::BenchmarkHelper::make_node(name * 1_000 + i)).collect();
	let (delegating, delegating_pk) = key(b"delegating");
	let (signing, verifying_pk) = key(b"signing");
	let (_, receiving_pk) = key(b"receiving");
	let mut rng = ChaCha20Rng::from_seed([name as u8; 32]);
	let kfrag = generate_kfrags_with_rng(
		&mut rng,
		&delegating,
		&receiving_pk.to_umbral().expect("a key"),
		&Signer::new(signing),
		1,
		1,
		true,
		true,
	)
	.first()
	.expect("one fragment")
	.clone()
	.unverify();
	let first = nodes.first().expect("n >= 1");
	let node_pk = T::Nodes::umbral_key_of(first).expect("a node key").to_umbral().expect("a key");
	let kfrag = EncryptedKeyFrag::encrypt_with_rng(&mut rng, &node_pk, &kfrag).expect("encrypts");
	let shares = nodes
		.into_iter()
		.enumerate()
		.map(|(i, node)| Share { node, kfrag_id: kfrag_id(i), kfrag: kfrag.clone() })
		.collect::<Vec<_>>();
	let mut label = name.to_le_bytes().to_vec();
	label.resize(T::MaxLabelLen::get() as usize, 0);
	PolicyTerms {
		label: LabelOf::<T>::truncate_from(label),
		umbral_keys: PolicyKeys {
			receiving: receiving_pk,
			delegating: delegating_pk,
			verifying: verifying_pk,
		},
		threshold: 1,
		shares: SharesOf::<T>::truncate_from(shares),
		expiry: frame_system::Pallet::<T>::block_number()
			.saturating_add(T::MaxPolicyDuration::get()),
		rate: FeeRates::<T>::get().max,
		requester: Some(account("requester", 0, 0)),
	}
}

/// A distinct key fragment id for each `i`.
fn kfrag_id(i: usize) -> nkms_primitives::KeyFragId {
	BlakeTwo256::hash_of(&(b"kfrag", i as u32)).0
}

/// Fills the policy and proposal lists of `terms`' nodes and the list of `owner` to one short
/// of full.
fn fill_lists<T: Config>(owner: &T::AccountId, terms: &PolicyTerms<T>) {
	let filler = |i: u32| BlakeTwo256::hash_of(&i).0;
	for Share { node, .. } in &terms.shares {
		NodePolicies::<T>::mutate(node, |list| {
			for i in 0..T::MaxPoliciesPerNode::get().saturating_sub(1) {
				let _ = list.try_push((filler(i), BlockNumberFor::<T>::max_value()));
			}
		});
		NodeProposals::<T>::mutate(node, |list| {
			for i in 0..T::MaxProposalsPerNode::get().saturating_sub(1) {
				let _ = list.try_push((filler(i), BlockNumberFor::<T>::max_value()));
			}
		});
	}
	OwnerPolicies::<T>::mutate(owner, |list| {
		for i in 0..T::MaxPoliciesPerOwner::get().saturating_sub(1) {
			let _ = list.try_push(filler(i));
		}
	});
}

/// Removes the fillers again, so that the invariants hold after the benchmark.
fn clear_lists<T: Config>(owner: &T::AccountId, nodes: &[T::AccountId]) {
	for node in nodes {
		NodePolicies::<T>::mutate_exists(node, |list| {
			if let Some(entries) = list {
				entries.retain(|(id, _)| Policies::<T>::contains_key(id));
				if entries.is_empty() {
					*list = None;
				}
			}
		});
		NodeProposals::<T>::mutate_exists(node, |list| {
			if let Some(entries) = list {
				entries.retain(|(id, _)| Policies::<T>::contains_key(id));
				if entries.is_empty() {
					*list = None;
				}
			}
		});
	}
	OwnerPolicies::<T>::mutate_exists(owner, |list| {
		if let Some(ids) = list {
			ids.retain(|id| Policies::<T>::contains_key(id));
			if ids.is_empty() {
				*list = None;
			}
		}
	});
}

/// A policy of `n` nodes of which `m` are needed, created by `owner` with full lists; its id
/// and nodes. No node has decided yet.
fn proposed_policy<T: Config>(
	owner: &T::AccountId,
	name: u32,
	n: u32,
	m: u32,
) -> (PolicyId, Vec<T::AccountId>) {
	let mut terms = terms::<T>(name, n);
	terms.threshold = m as u8;
	fill_lists::<T>(owner, &terms);
	let id = policy_id(owner, &terms.umbral_keys.receiving, &terms.label);
	let nodes = terms.shares.iter().map(|share| share.node.clone()).collect();
	Pallet::<T>::do_create_policy(owner.clone(), terms).expect("valid terms");
	(id, nodes)
}

/// `node`'s digest of its arrangement of policy `id`.
fn digest<T: Config>(id: PolicyId, node: &T::AccountId) -> [u8; 32] {
	let policy = Policies::<T>::get(id).expect("a policy");
	let kfrag_id = policy
		.arrangements
		.iter()
		.find(|a| &a.node == node)
		.expect("a node of it")
		.kfrag_id;
	let kfrag = KeyFrags::<T>::get(id, node).expect("a fragment");
	arrangement_digest(&id, &policy.umbral_keys, &kfrag_id, &kfrag)
}

/// `nodes` accept their arrangements of policy `id`.
fn accept<T: Config>(id: PolicyId, nodes: &[T::AccountId]) {
	for node in nodes {
		Pallet::<T>::do_accept_arrangement(node, id, &digest::<T>(id, node)).expect("proposed");
	}
}

/// A policy of `n` nodes created by `owner` with full lists and accepted by every node one
/// block later; its id and nodes.
fn policy<T: Config>(owner: &T::AccountId, name: u32, n: u32) -> (PolicyId, Vec<T::AccountId>) {
	let (id, nodes) = proposed_policy::<T>(owner, name, n, 1);
	advance::<T>(1u32.into());
	accept::<T>(id, &nodes);
	(id, nodes)
}

/// Every node of policy `id` missed a request in its first blocks, so that payments deduct.
fn miss_requests<T: Config>(id: PolicyId, nodes: &[T::AccountId]) {
	let start = Policies::<T>::get(id).expect("a policy").start;
	let now = frame_system::Pallet::<T>::block_number();
	for node in nodes {
		<Pallet<T> as nkms_primitives::policy::Policies<_, _>>::missed_request(
			&id, node, start, now,
		);
	}
}

fn advance<T: Config>(blocks: BlockNumberFor<T>) {
	let now = frame_system::Pallet::<T>::block_number();
	frame_system::Pallet::<T>::set_block_number(now.saturating_add(blocks));
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn create_policy(n: Linear<1, { T::MaxShares::get() }>) {
		let owner = owner::<T>();
		let terms = terms::<T>(0, n);
		fill_lists::<T>(&owner, &terms);
		let id = policy_id(&owner, &terms.umbral_keys.receiving, &terms.label);
		let nodes: Vec<_> = terms.shares.iter().map(|share| share.node.clone()).collect();
		#[extrinsic_call]
		_(
			RawOrigin::Signed(owner.clone()),
			terms.label,
			terms.umbral_keys,
			terms.threshold,
			terms.shares,
			terms.expiry,
			terms.rate,
			terms.requester,
		);
		assert!(Policies::<T>::contains_key(id));
		clear_lists::<T>(&owner, &nodes);
	}

	#[benchmark]
	fn revoke_policy(n: Linear<1, { T::MaxShares::get() }>) {
		let owner = owner::<T>();
		let (id, nodes) = policy::<T>(&owner, 0, n);
		advance::<T>(1u32.into());
		#[extrinsic_call]
		_(RawOrigin::Signed(owner.clone()), id);
		assert!(Policies::<T>::get(id).is_some_and(|policy| policy.ended.is_some()));
		clear_lists::<T>(&owner, &nodes);
	}

	#[benchmark]
	fn revoke_node(n: Linear<2, { T::MaxShares::get() }>) {
		let owner = owner::<T>();
		let (id, nodes) = policy::<T>(&owner, 0, n);
		advance::<T>(1u32.into());
		let node = nodes.last().expect("n >= 2").clone();
		#[extrinsic_call]
		_(RawOrigin::Signed(owner.clone()), id, node.clone());
		assert!(!KeyFrags::<T>::contains_key(id, &node));
		clear_lists::<T>(&owner, &nodes);
	}

	#[benchmark]
	fn extend_policy(n: Linear<1, { T::MaxShares::get() }>) {
		let owner = owner::<T>();
		let (id, nodes) = policy::<T>(&owner, 0, n);
		advance::<T>(1u32.into());
		let expiry =
			frame_system::Pallet::<T>::block_number().saturating_add(T::MaxPolicyDuration::get());
		#[extrinsic_call]
		_(RawOrigin::Signed(owner.clone()), id, expiry);
		assert_eq!(Policies::<T>::get(id).map(|policy| policy.expiry), Some(expiry));
		clear_lists::<T>(&owner, &nodes);
	}

	/// Claims from `c` policies of `MaxShares` nodes each, the claiming node last in each, with
	/// forfeits to deduct.
	#[benchmark]
	fn claim_fees(c: Linear<1, { T::MaxClaims::get() }>) {
		let owner = owner::<T>();
		let node = T::BenchmarkHelper::make_node(u32::MAX);
		let mut ids = Vec::new();
		let mut all_nodes = vec![node.clone()];
		for name in 0..c {
			let mut terms = terms::<T>(name + 1, T::MaxShares::get());
			if let Some(share) = terms.shares.last_mut() {
				share.node = node.clone();
			}
			all_nodes.extend(terms.shares.iter().map(|share| share.node.clone()));
			let id = policy_id(&owner, &terms.umbral_keys.receiving, &terms.label);
			ids.push(id);
			Pallet::<T>::do_create_policy(owner.clone(), terms).expect("valid terms");
			accept::<T>(id, core::slice::from_ref(&node));
		}
		advance::<T>(T::SettlementDelay::get().saturating_mul(3u32.into()));
		for id in &ids {
			miss_requests::<T>(*id, core::slice::from_ref(&node));
		}
		advance::<T>(T::SettlementDelay::get().saturating_mul(3u32.into()));
		let before = T::Currency::balance(&node);
		#[extrinsic_call]
		_(RawOrigin::Signed(node.clone()), BoundedVec::truncate_from(ids));
		assert!(T::Currency::balance(&node) > before);
		clear_lists::<T>(&owner, &all_nodes);
	}

	/// Settles an expired policy of `n` nodes that all missed a request.
	#[benchmark]
	fn reap_policy(n: Linear<1, { T::MaxShares::get() }>) {
		let owner = owner::<T>();
		let (id, nodes) = policy::<T>(&owner, 0, n);
		advance::<T>(T::SettlementDelay::get().saturating_add(1u32.into()));
		miss_requests::<T>(id, &nodes);
		let expiry = Policies::<T>::get(id).expect("a policy").expiry;
		frame_system::Pallet::<T>::set_block_number(
			expiry.saturating_add(T::SettlementDelay::get()),
		);
		#[extrinsic_call]
		_(RawOrigin::Signed(owner.clone()), id);
		assert!(!Policies::<T>::contains_key(id));
		clear_lists::<T>(&owner, &nodes);
	}

	/// `on_idle`'s settlement of one due policy of `n` nodes that all missed a request.
	#[benchmark]
	fn settle_due(n: Linear<1, { T::MaxShares::get() }>) {
		let owner = owner::<T>();
		let (id, nodes) = policy::<T>(&owner, 0, n);
		advance::<T>(T::SettlementDelay::get().saturating_add(1u32.into()));
		miss_requests::<T>(id, &nodes);
		let due = Policies::<T>::get(id)
			.expect("a policy")
			.expiry
			.saturating_add(T::SettlementDelay::get());
		frame_system::Pallet::<T>::set_block_number(due);
		NextSettlement::<T>::put(due);
		let mut meter = WeightMeter::new();
		#[block]
		{
			Pallet::<T>::settle_due(due, &mut meter);
		}
		assert!(!Policies::<T>::contains_key(id));
		clear_lists::<T>(&owner, &nodes);
	}

	/// `on_idle`'s cursor walking over the empty blocks `0..=b` of the settlement queue.
	#[benchmark]
	fn walk_settlement_queue(b: Linear<0, 1_000>) {
		let now: BlockNumberFor<T> = b.into();
		frame_system::Pallet::<T>::set_block_number(now);
		NextSettlement::<T>::put(BlockNumberFor::<T>::zero());
		let mut meter = WeightMeter::new();
		#[block]
		{
			Pallet::<T>::settle_due(now, &mut meter);
		}
		assert_eq!(NextSettlement::<T>::get(), now.saturating_add(1u32.into()));
	}

	/// The last of `n` nodes accepts, the `n`-th acceptance of `n` needed: the policy goes
	/// live.
	#[benchmark]
	fn accept_arrangement(n: Linear<1, { T::MaxShares::get() }>) {
		let owner = owner::<T>();
		let (id, nodes) = proposed_policy::<T>(&owner, 0, n, n);
		advance::<T>(1u32.into());
		let (last, others) = nodes.split_last().expect("n >= 1");
		accept::<T>(id, others);
		let digest = digest::<T>(id, last);
		#[extrinsic_call]
		_(RawOrigin::Signed(last.clone()), id, digest);
		assert!(Policies::<T>::get(id)
			.is_some_and(|policy| policy.state(policy.start + 1u32.into()) == PolicyState::Live));
		clear_lists::<T>(&owner, &nodes);
	}

	/// The last of `n` nodes declines a policy that needs all `n`: it is paid and the policy
	/// fails.
	#[benchmark]
	fn decline_arrangement(n: Linear<1, { T::MaxShares::get() }>) {
		let owner = owner::<T>();
		let (id, nodes) = proposed_policy::<T>(&owner, 0, n, n);
		advance::<T>(1u32.into());
		let (last, others) = nodes.split_last().expect("n >= 1");
		accept::<T>(id, others);
		let digest = digest::<T>(id, last);
		#[extrinsic_call]
		_(RawOrigin::Signed(last.clone()), id, digest, KfragFault::Undecryptable);
		assert!(Policies::<T>::get(id).is_some_and(|policy| policy.ended.is_some()));
		clear_lists::<T>(&owner, &nodes);
	}

	/// Whether a decision of the last of `n` nodes is valid, asked of its transaction before it
	/// is dispatched (the transaction extension charges it; a leave asks less).
	#[benchmark]
	fn check_decision(n: Linear<1, { T::MaxShares::get() }>) {
		let owner = owner::<T>();
		let (id, nodes) = proposed_policy::<T>(&owner, 0, n, 1);
		advance::<T>(1u32.into());
		let last = nodes.last().expect("n >= 1");
		let digest = digest::<T>(id, last);
		let origin = RawOrigin::Signed(last.clone()).into();
		let valid;
		#[block]
		{
			valid = Pallet::<T>::proposal_of(&origin, &id, &digest).is_ok();
		}
		assert!(valid);
		clear_lists::<T>(&owner, &nodes);
	}

	/// The last of `n` nodes of a policy that needs all `n` leaves with notice: the policy ends
	/// with its service.
	#[benchmark]
	fn leave_policy(n: Linear<1, { T::MaxShares::get() }>) {
		let owner = owner::<T>();
		let (id, nodes) = proposed_policy::<T>(&owner, 0, n, n);
		advance::<T>(1u32.into());
		accept::<T>(id, &nodes);
		let last = nodes.last().expect("n >= 1");
		#[extrinsic_call]
		_(RawOrigin::Signed(last.clone()), id, None);
		let until = frame_system::Pallet::<T>::block_number().saturating_add(T::LeaveNotice::get());
		assert_eq!(Policies::<T>::get(id).map(|policy| policy.expiry), Some(until));
		clear_lists::<T>(&owner, &nodes);
	}

	/// `on_idle` closes the acceptance window of a policy of `n` nodes that all stayed silent:
	/// each strike slashes, and the policy fails.
	#[benchmark]
	fn close_decisions(n: Linear<1, { T::MaxShares::get() }>) {
		let owner = owner::<T>();
		let (id, nodes) = proposed_policy::<T>(&owner, 0, n, 1);
		for node in &nodes {
			T::BenchmarkHelper::prepare_strike(node);
		}
		let due = Policies::<T>::get(id).expect("a policy").decide_by;
		frame_system::Pallet::<T>::set_block_number(due);
		NextDecision::<T>::put(due);
		let mut meter = WeightMeter::new();
		#[block]
		{
			Pallet::<T>::close_decisions_due(due, &mut meter);
		}
		assert!(Policies::<T>::get(id).is_some_and(|policy| policy.ended.is_some()));
		clear_lists::<T>(&owner, &nodes);
	}

	/// `on_idle`'s cursor walking over the empty blocks `0..=b` of the decision queue.
	#[benchmark]
	fn walk_decision_queue(b: Linear<0, 1_000>) {
		let now: BlockNumberFor<T> = b.into();
		frame_system::Pallet::<T>::set_block_number(now);
		NextDecision::<T>::put(BlockNumberFor::<T>::zero());
		let mut meter = WeightMeter::new();
		#[block]
		{
			Pallet::<T>::close_decisions_due(now, &mut meter);
		}
		assert_eq!(NextDecision::<T>::get(), now.saturating_add(1u32.into()));
	}

	/// A node's first longest duration, which holds a deposit.
	#[benchmark]
	fn set_max_duration() {
		let node = T::BenchmarkHelper::make_node(0);
		#[extrinsic_call]
		_(RawOrigin::Signed(node.clone()), Some(T::MaxPolicyDuration::get()));
		assert!(MaxDurations::<T>::contains_key(&node));
	}

	/// A node's first minimum rate, which holds a deposit.
	#[benchmark]
	fn set_min_fee_rate() {
		let node = T::BenchmarkHelper::make_node(0);
		let rate = FeeRates::<T>::get().max;
		#[extrinsic_call]
		_(RawOrigin::Signed(node.clone()), Some(rate));
		assert!(MinFeeRates::<T>::contains_key(&node));
	}

	#[benchmark]
	fn set_fee_rate_range() -> Result<(), BenchmarkError> {
		let origin =
			T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let range = FeeRates::<T>::get();
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, range);
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
