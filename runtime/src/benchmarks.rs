//! The pallets `nkms-node benchmark pallet` measures (feature `runtime-benchmarks`), and what
//! our pallets' benchmarks need from the pallets they talk to.

pub use frame_benchmarking::baseline::Pallet as BaselineBench;
pub use frame_system_benchmarking::{
	extensions::Pallet as SystemExtensionsBench, Pallet as SystemBench,
};

use frame_support::{
	traits::{fungible::Mutate, Get},
	BoundedVec,
};
use nkms_primitives::{
	policy::{arrangement_digest, PolicyId},
	staking::{umbral_key_proof_message, NodeRegistry},
	umbral_pre::{generate_kfrags_with_rng, SecretKey, SecretKeyFactory, Signer},
	EncryptedKeyFrag, KeyFragId, NodeKey, UmbralPublicKey, UmbralSignature, NODE_KEY_TYPE,
};
use pallet_nkms_policy::{PolicyKeys, Share};
use rand_chacha::{rand_core::SeedableRng, ChaCha20Rng};
use sp_core::{ed25519, sr25519};
use sp_runtime::{
	traits::{BlakeTwo256, Hash},
	MultiSigner, RuntimeAppPublic,
};

use super::{
	AccountId, Balances, Policy, Runtime, RuntimeOrigin, SessionKeys, Staking, System, MIN_STAKE,
	UNIT,
};
use alloc::vec::Vec;

impl frame_benchmarking::baseline::Config for Runtime {}
impl frame_system_benchmarking::Config for Runtime {}

/// Session keys for the staking benchmarks, written straight into pallet-session's storage.
pub struct StakingHelper;

impl pallet_nkms_staking::benchmarking::BenchmarkHelper<AccountId> for StakingHelper {
	fn register_session_keys(who: &AccountId) -> AccountId {
		let raw: [u8; 32] = who.clone().into();
		let node = BlakeTwo256::hash(&raw).0;
		let keys = SessionKeys {
			aura: sr25519::Public::from_raw(raw).into(),
			grandpa: ed25519::Public::from_raw(raw).into(),
			nkms: NodeKey::from(sr25519::Public::from_raw(node)),
		};
		pallet_session::NextKeys::<Runtime>::insert(who, keys);
		pallet_session::KeyOwner::<Runtime>::insert((NODE_KEY_TYPE, node.to_vec()), who);
		node.into()
	}

	fn set_session_validators(validators: Vec<AccountId>) {
		pallet_session::Validators::<Runtime>::put(validators);
	}

	fn fill_ended_obligations(node: &AccountId) {
		let ended = (0..<Runtime as pallet_nkms_policy::Config>::MaxPoliciesPerNode::get())
			.map(|i| (BlakeTwo256::hash_of(&i).0, 0));
		pallet_nkms_policy::NodePolicies::<Runtime>::insert(
			node,
			BoundedVec::truncate_from(ended.collect::<Vec<_>>()),
		);
	}
}

/// Active nodes with Umbral keys for the policy benchmarks: bonded stakers written into the
/// current session's set.
pub struct PolicyHelper;

impl pallet_nkms_policy::benchmarking::BenchmarkHelper<AccountId> for PolicyHelper {
	fn make_node(index: u32) -> AccountId {
		let node: AccountId = frame_benchmarking::account("node", index, 0);
		PolicyHelper::stake(&node, index);
		node
	}

	fn prepare_strike(node: &AccountId) {
		let limit: u32 = <Runtime as pallet_nkms_reencryption::Config>::StrikeLimit::get();
		let strikes = alloc::vec![System::block_number(); limit.saturating_sub(1) as usize];
		pallet_nkms_reencryption::Strikes::<Runtime>::insert(
			node,
			BoundedVec::truncate_from(strikes),
		);
	}
}

impl PolicyHelper {
	/// Makes `node` an active staker with the Umbral key of seed `index`.
	fn stake(node: &AccountId, index: u32) {
		let stake = MIN_STAKE;
		<Balances as Mutate<_>>::set_balance(node, stake.saturating_mul(10));
		let origin = RuntimeOrigin::signed(node.clone());
		let secret = SecretKeyFactory::from_secure_randomness(&[2; 32])
			.expect("a 32-byte seed")
			.make_key(&index.to_le_bytes());
		let key = UmbralPublicKey::from_umbral(&secret.public_key()).expect("a point");
		let genesis = System::block_hash(0);
		let message = umbral_key_proof_message(node, genesis.as_ref());
		let proof =
			Signer::new(secret).sign_with_rng(&mut ChaCha20Rng::from_seed([4; 32]), &message);
		let proof = UmbralSignature::from_umbral(&proof).expect("64 bytes");
		Staking::bond(origin.clone(), stake).expect("funded");
		Staking::set_umbral_key(origin, key, proof).expect("a fresh key");
		pallet_nkms_staking::ActiveStake::<Runtime>::insert(node, stake);
	}
}

/// Live policies for the re-encryption benchmarks, created through the policy pallet over new
/// active nodes.
pub struct ReencryptionHelper;

impl pallet_nkms_reencryption::benchmarking::BenchmarkHelper<AccountId, MultiSigner>
	for ReencryptionHelper
{
	fn make_policy(
		threshold: u8,
		keys: PolicyKeys,
		kfrag_ids: Vec<KeyFragId>,
	) -> (PolicyId, Vec<AccountId>) {
		let owner: AccountId = frame_benchmarking::account("policy owner", 0, 0);
		<Balances as Mutate<_>>::set_balance(&owner, 1_000_000 * UNIT);
		// Each node's account is an `nkms` key in the keystore, so that it can sign answers.
		let nodes: Vec<AccountId> = (0..kfrag_ids.len() as u32)
			.map(|i| {
				let suri = alloc::format!("//nkms-benchmark-node/{i}").into_bytes();
				let key = sr25519::Public::from(NodeKey::generate_pair(Some(suri)));
				let node = AccountId::from(key);
				PolicyHelper::stake(&node, 10_000 + i);
				node
			})
			.collect();
		// The chain only decodes the encrypted key fragments: any fragment, encrypted to each
		// node's key under the id the benchmark gives, will do.
		let mut rng = ChaCha20Rng::from_seed([3; 32]);
		let alice = SecretKey::random_with_rng(&mut rng);
		let kfrag = generate_kfrags_with_rng(
			&mut rng,
			&alice,
			&alice.public_key(),
			&Signer::new(alice.clone()),
			1,
			1,
			true,
			true,
		)[0]
		.clone()
		.unverify();
		let shares = nodes
			.iter()
			.zip(kfrag_ids)
			.map(|(node, kfrag_id)| {
				let key =
					Staking::umbral_key_of(node).expect("registered").to_umbral().expect("a key");
				let kfrag =
					EncryptedKeyFrag::encrypt_with_rng(&mut rng, &key, &kfrag).expect("encrypts");
				Share { node: node.clone(), kfrag_id, kfrag }
			})
			.collect::<Vec<_>>();
		let label = BoundedVec::truncate_from(b"benchmark".to_vec());
		let id = nkms_primitives::policy::policy_id(&owner, &keys.receiving, &label);
		let kfrag_ids: Vec<KeyFragId> = shares.iter().map(|share| share.kfrag_id).collect();
		Policy::create_policy(
			RuntimeOrigin::signed(owner),
			label,
			keys,
			threshold,
			BoundedVec::truncate_from(shares),
			System::block_number() + 1_000,
			pallet_nkms_policy::FeeRates::<Runtime>::get().min,
			None,
		)
		.expect("a valid policy");
		for (node, kfrag_id) in nodes.iter().zip(kfrag_ids) {
			let kfrag = pallet_nkms_policy::KeyFrags::<Runtime>::get(id, node).expect("a fragment");
			let digest = arrangement_digest(&id, &keys, &kfrag_id, &kfrag);
			Policy::accept_arrangement(RuntimeOrigin::signed(node.clone()), id, digest)
				.expect("a proposed arrangement");
		}
		(id, nodes)
	}

	fn node_key(node: &AccountId) -> MultiSigner {
		sr25519::Public::from_raw(*node.as_ref()).into()
	}
}

frame_benchmarking::define_benchmarks!(
	[frame_benchmarking, BaselineBench::<Runtime>]
	[frame_system, SystemBench::<Runtime>]
	[frame_system_extensions, SystemExtensionsBench::<Runtime>]
	[pallet_balances, Balances]
	[pallet_timestamp, Timestamp]
	[pallet_sudo, Sudo]
	[pallet_nkms_staking, Staking]
	[pallet_nkms_policy, Policy]
	[pallet_nkms_reencryption, Reencryption]
);
