//! Benchmarks of every call and of the deadline work, each in its worst case: the policy at
//! `MaxShares` nodes, answers that fulfil the request, wrong fragments that fail last and pay
//! for the full rejection, deadlines at which every node is silent and slashed.

// A benchmark whose setup fails must stop loudly.
#![allow(clippy::expect_used, clippy::indexing_slicing)]

use alloc::{vec, vec::Vec};
use frame_benchmarking::v2::*;
use frame_support::{
	pallet_prelude::{Authorize, TransactionSource},
	traits::{fungible::Mutate, Get},
	BoundedVec,
};
use frame_system::{offchain::AppCrypto, RawOrigin};
use nkms_primitives::{
	umbral_pre::{
		encrypt_with_rng, generate_kfrags_with_rng, reencrypt_with_rng, Capsule, SecretKey, Signer,
		VerifiedKeyFrag,
	},
	KeyFragBytes, UmbralPublicKey,
};
use rand_chacha::{rand_core::SeedableRng, ChaCha20Rng};
use sp_runtime::traits::{Bounded, Saturating};

use crate::*;

/// What the benchmarks need from the pallets this one talks to.
pub trait BenchmarkHelper<AccountId, Public> {
	/// A live policy that anyone may request re-encryption under, with these keys and
	/// `threshold` of new staked nodes, one per key fragment id (in order), live for longer
	/// than any benchmark runs; its id and nodes.
	fn make_policy(
		threshold: u8,
		keys: PolicyKeys,
		kfrag_ids: Vec<KeyFragId>,
	) -> (PolicyId, Vec<AccountId>);

	/// A key that signs as `node` (a node [`Self::make_policy`] made), able to sign in the
	/// keystore the benchmarks run with.
	fn node_key(node: &AccountId) -> Public;
}

/// A policy with its secrets, and capsules under it.
struct Setup<T: Config> {
	policy: PolicyId,
	nodes: Vec<T::AccountId>,
	kfrags: Vec<VerifiedKeyFrag>,
	capsules: Vec<Capsule>,
	rng: ChaCha20Rng,
}

impl<T: Config> Setup<T> {
	/// A policy of `threshold` of `n` nodes and `c` capsules under it.
	fn new(threshold: u8, n: u32, c: u32) -> Self {
		let mut rng = ChaCha20Rng::from_seed([7; 32]);
		let delegating = SecretKey::random_with_rng(&mut rng);
		let signer = SecretKey::random_with_rng(&mut rng);
		let receiving = SecretKey::random_with_rng(&mut rng).public_key();
		let kfrags = generate_kfrags_with_rng(
			&mut rng,
			&delegating,
			&receiving,
			&Signer::new(signer.clone()),
			threshold.into(),
			n as usize,
			true,
			true,
		)
		.into_vec();
		let public = |key| UmbralPublicKey::from_umbral(key).expect("a point");
		let keys = PolicyKeys {
			receiving: public(&receiving),
			delegating: public(&delegating.public_key()),
			verifying: public(&signer.public_key()),
		};
		let kfrag_ids = kfrags
			.iter()
			.map(|kfrag| {
				KeyFragBytes::from_umbral(&kfrag.clone().unverify())
					.ok()
					.and_then(|bytes| bytes.id())
					.expect("an id")
			})
			.collect();
		let (policy, nodes) = T::BenchmarkHelper::make_policy(threshold, keys, kfrag_ids);
		let capsules = (0..c)
			.map(|i| {
				encrypt_with_rng(&mut rng, &delegating.public_key(), &i.to_le_bytes())
					.expect("encrypts")
					.0
			})
			.collect();
		Self { policy, nodes, kfrags, capsules, rng }
	}

	fn capsules(&self) -> CapsulesOf<T> {
		let capsules = self
			.capsules
			.iter()
			.map(|capsule| CapsuleBytes::from_umbral(capsule).expect("encodes"));
		BoundedVec::truncate_from(capsules.collect())
	}

	/// A requester with funds, and its request.
	fn request(&self) -> RequestId {
		let requester: T::AccountId = account("requester", 0, 0);
		T::Currency::set_balance(&requester, BalanceOf::<T>::max_value() / 1_000u32.into());
		let id = NextRequestId::<T>::get();
		Pallet::<T>::do_request_reencryption(requester, self.policy, self.capsules())
			.expect("the request is valid");
		id
	}

	/// What an answer to request `id` names.
	fn digest(&self, id: RequestId) -> RequestDigest {
		Requests::<T>::get(id).expect("stored").digest(id)
	}

	/// Node `index`'s honest answer.
	fn answer(&mut self, index: usize) -> CfragsOf<T> {
		let kfrag = &self.kfrags[index];
		let cfrags = self.capsules.iter().map(|capsule| {
			let cfrag = reencrypt_with_rng(&mut self.rng, capsule, kfrag.clone()).unverify();
			CapsuleFragBytes::from_umbral(&cfrag).expect("encodes")
		});
		BoundedVec::truncate_from(cfrags.collect())
	}
}

/// `node` has one strike short of the limit, all at the current block.
fn strikes_short_of_the_limit<T: Config>(node: &T::AccountId) {
	let now = frame_system::Pallet::<T>::block_number();
	let strikes = vec![now; T::StrikeLimit::get().saturating_sub(1) as usize];
	Strikes::<T>::insert(node, BoundedVec::truncate_from(strikes));
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn request_reencryption(c: Linear<1, { T::MaxCapsulesPerRequest::get() }>) {
		let setup = Setup::<T>::new(1, T::MaxShares::get(), c);
		let requester: T::AccountId = account("requester", 0, 0);
		T::Currency::set_balance(&requester, BalanceOf::<T>::max_value() / 1_000u32.into());
		let capsules = setup.capsules();

		#[extrinsic_call]
		_(RawOrigin::Signed(requester), setup.policy, capsules);

		assert!(Requests::<T>::contains_key(0));
	}

	/// The `m`-th answer, fulfilling the request and releasing the other `MaxShares - 1` nodes,
	/// from a node with lapsed strikes to forget.
	#[benchmark]
	fn submit_cfrags(c: Linear<1, { T::MaxCapsulesPerRequest::get() }>) {
		let mut setup = Setup::<T>::new(1, T::MaxShares::get(), c);
		let node = setup.nodes[0].clone();
		Strikes::<T>::insert(&node, BoundedVec::truncate_from(vec![Default::default()]));
		frame_system::Pallet::<T>::set_block_number(
			T::StrikeWindow::get().saturating_add(1u32.into()),
		);
		let id = setup.request();
		let answer = setup.answer(0);
		let digest = setup.digest(id);

		#[extrinsic_call]
		_(RawOrigin::Signed(node), id, digest, answer);

		assert!(matches!(
			Requests::<T>::get(id).expect("stored").status,
			RequestStatus::Fulfilled(_)
		));
	}

	/// Whether an answer of `c` fragments to a request of a policy of `MaxShares` nodes is
	/// awaited, asked of its transaction before it is dispatched (the transaction extension
	/// charges it).
	#[benchmark]
	fn check_answer(c: Linear<1, { T::MaxCapsulesPerRequest::get() }>) {
		let setup = Setup::<T>::new(1, T::MaxShares::get(), c);
		let id = setup.request();
		let digest = setup.digest(id);
		let node = setup.nodes.last().expect("MaxShares >= 1").clone();
		let origin = RawOrigin::Signed(node).into();
		let awaited;
		#[block]
		{
			awaited = Pallet::<T>::is_awaited_answer(&origin, id, &digest, c as usize);
		}
		assert!(awaited);
	}

	/// The validity of a node's answer of `c` fragments sent without a nonce, asked of its
	/// transaction in the pool and again in the block: its signature, then
	/// [`Pallet::check_answer`] for the last node of `MaxShares`.
	#[benchmark]
	fn authorize_submit_node_answer(
		c: Linear<1, { T::MaxCapsulesPerRequest::get() }>,
	) -> Result<(), BenchmarkError> {
		let mut setup = Setup::<T>::new(1, T::MaxShares::get(), c);
		let id = setup.request();
		let index = setup.nodes.len() - 1;
		let answer = NodeAnswer {
			id,
			digest: setup.digest(id),
			cfrags: setup.answer(index),
			key: T::BenchmarkHelper::node_key(&setup.nodes[index]),
			// As the worker sends it (the benchmark's block may come after this one).
			valid_until: frame_system::Pallet::<T>::block_number()
				.saturating_add((offchain::RESEND_AFTER - 1).into()),
		};
		let signature = <T::AuthorityId as AppCrypto<T::Public, T::Signature>>::sign(
			&Pallet::<T>::answer_message(&answer),
			answer.key.clone(),
		)
		.expect("the node's key is in the keystore");
		let call = Call::<T>::submit_node_answer { answer, signature };

		#[block]
		{
			call.authorize(TransactionSource::External).ok_or("authorizes answers")??;
		}

		Ok(())
	}

	/// `c - 1` valid fragments, then one that passes the signature check and fails the
	/// re-encryption proof at its last comparison (every point is then decompressed), and the
	/// slash.
	#[benchmark]
	fn submit_wrong_cfrag(c: Linear<1, { T::MaxCapsulesPerRequest::get() }>) {
		let mut setup = Setup::<T>::new(1, T::MaxShares::get(), c);
		let id = setup.request();
		let mut answer = setup.answer(0).into_inner();
		let last = answer.last_mut().expect("c >= 1");
		let mut bytes = last.as_bytes().to_vec();
		// `U2` negated: its tag is at byte 248 of umbral-pre's layout.
		bytes[248] ^= 1;
		*last = CapsuleFragBytes::try_from_bytes(&bytes).expect("fits");
		let node = setup.nodes[0].clone();
		let digest = setup.digest(id);

		#[extrinsic_call]
		submit_cfrags(
			RawOrigin::Signed(node.clone()),
			id,
			digest,
			BoundedVec::truncate_from(answer),
		);

		assert!(Answers::<T>::get(id, &node).is_none());
	}

	/// Every node of the request silent, each at its last strike before a slash: the deadline
	/// strikes and slashes them all.
	#[benchmark]
	fn close_request(n: Linear<1, { T::MaxShares::get() }>) {
		let setup = Setup::<T>::new(1, n, 1);
		let id = setup.request();
		let deadline = Requests::<T>::get(id).expect("stored").deadline;
		frame_system::Pallet::<T>::set_block_number(deadline);
		for node in &setup.nodes {
			strikes_short_of_the_limit::<T>(node);
		}

		#[block]
		{
			Pallet::<T>::close_request(id, deadline);
		}

		assert_eq!(Requests::<T>::get(id).expect("stored").status, RequestStatus::Expired);
		// A slash empties the node's strikes.
		assert!(setup.nodes.iter().all(|node| !Strikes::<T>::contains_key(node)));
	}

	/// A request of `MaxCapsulesPerRequest` capsules answered by all its `n` nodes.
	#[benchmark]
	fn remove_request(n: Linear<1, { T::MaxShares::get() }>) {
		let mut setup = Setup::<T>::new(n as u8, n, T::MaxCapsulesPerRequest::get());
		let id = setup.request();
		for index in 0..n as usize {
			let answer = setup.answer(index);
			let digest = setup.digest(id);
			Pallet::<T>::do_submit_cfrags(setup.nodes[index].clone(), id, digest, answer)
				.expect("a valid answer");
		}
		// Closed at its deadline and taken off the deadline list, as `on_initialize` does.
		let deadline = Requests::<T>::get(id).expect("stored").deadline;
		frame_system::Pallet::<T>::set_block_number(deadline);
		Pallet::<T>::close_request(id, deadline);
		Deadlines::<T>::remove(deadline);

		#[block]
		{
			Pallet::<T>::remove_request(id);
		}

		assert!(!Requests::<T>::contains_key(id));
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);

	/// The off-chain worker's re-encryption of an answer of `c` capsules. The worker uses no
	/// block weight: this measures its work in Wasm for `scripts/verification-speed.sh`.
	#[benchmark]
	fn reencrypt_in_worker(c: Linear<1, { T::MaxCapsulesPerRequest::get() }>) {
		let mut setup = Setup::<T>::new(1, 1, c);
		let capsules = setup.capsules();
		let kfrag = setup.kfrags[0].clone();
		let cfrags;
		#[block]
		{
			cfrags = offchain::reencrypt_capsules::<T>(&mut setup.rng, &capsules, &kfrag);
		}
		assert_eq!(cfrags.expect("re-encrypts").len() as u32, c);
	}
}
