//! What the runtime's integration tests share.

use codec::Encode;
use frame_support::{assert_ok, genesis_builder_helper::build_state, BoundedVec};
use nkms_primitives::{
	policy::{arrangement_digest, PolicyId},
	staking::{umbral_key_proof_message, NodeRegistry},
	umbral_pre::{self, SecretKey, SecretKeyFactory, Signer, VerifiedKeyFrag},
	EncryptedKeyFrag, KeyFragBytes, UmbralPublicKey, UmbralSignature,
};
use nkms_runtime::{
	genesis_config_presets::{get_preset, DEV_FEE_RATES},
	AccountId, Policy, Runtime, RuntimeGenesisConfig, RuntimeOrigin, Staking, System,
};
use pallet_nkms_policy::{PolicyKeys, Share, SharesOf};
use sp_keyring::Sr25519Keyring;

/// The state of a preset, built the way the node builds it: the preset's patch merged into the
/// default genesis config, then `build_state`.
pub fn preset_state(name: &str) -> sp_io::TestExternalities {
	let patch = get_preset(&name.into()).unwrap_or_else(|| panic!("preset {name} exists"));
	let mut config = serde_json::to_value(RuntimeGenesisConfig::default()).unwrap();
	merge(&mut config, serde_json::from_slice(&patch).unwrap());
	let mut ext = sp_io::TestExternalities::default();
	ext.execute_with(|| build_state::<RuntimeGenesisConfig>(config.to_string().into_bytes()))
		.expect("the preset builds");
	ext
}

/// Merges a JSON patch into `base`: objects key by key, anything else replaced.
fn merge(base: &mut serde_json::Value, patch: serde_json::Value) {
	match (base, patch) {
		(serde_json::Value::Object(base), serde_json::Value::Object(patch)) => {
			for (key, value) in patch {
				merge(base.entry(key).or_insert(serde_json::Value::Null), value);
			}
		},
		(base, patch) => *base = patch,
	}
}

/// The Umbral secret key the tests give `node` (a node's off-chain worker makes its own).
pub fn test_umbral_secret(node: &AccountId) -> SecretKey {
	let seed = sp_io::hashing::blake2_256(&(b"nkms-test-umbral", node).encode());
	SecretKeyFactory::from_secure_randomness(&seed).unwrap().make_key(b"umbral")
}

/// The key of `test_umbral_secret(node)` and its proof of possession for `node`.
pub fn test_umbral_key(node: &AccountId) -> (UmbralPublicKey, UmbralSignature) {
	let secret = test_umbral_secret(node);
	let key = UmbralPublicKey::from_umbral(&secret.public_key()).unwrap();
	let message = umbral_key_proof_message(node, System::block_hash(0).as_ref());
	let proof = UmbralSignature::from_umbral(&Signer::new(secret).sign(&message)).unwrap();
	(key, proof)
}

/// Registers the public key of `test_umbral_secret` for each of `nodes` that has no Umbral key,
/// as their nodes' off-chain workers would register their own.
pub fn register_umbral_keys(nodes: &[AccountId]) {
	for node in nodes {
		if Staking::umbral_key_of(node).is_none() {
			let (key, proof) = test_umbral_key(node);
			assert_ok!(Staking::set_umbral_key(RuntimeOrigin::signed(node.clone()), key, proof));
		}
	}
}

/// A policy with the secrets behind it.
pub struct Grant {
	pub id: PolicyId,
	pub delegating: SecretKey,
	/// Alice, Bob and Charlie of the `local` chain.
	pub nodes: Vec<AccountId>,
	/// Each node's key fragment, in the order of `nodes`.
	pub kfrags: Vec<VerifiedKeyFrag>,
}

/// Eve's `m`-of-3 policy over the `local` chain's validators (Alice, Bob and Charlie), accepted
/// by all three: see [`eve_proposes`].
pub fn eve_grants(m: u8, expiry: u32) -> Grant {
	let grant = eve_proposes(m, expiry);
	for node in &grant.nodes {
		accept(&grant, node);
	}
	grant
}

/// `node` accepts its arrangement of `grant`, as its off-chain worker would.
pub fn accept(grant: &Grant, node: &AccountId) {
	assert_ok!(Policy::accept_arrangement(
		RuntimeOrigin::signed(node.clone()),
		grant.id,
		arrangement_digest_of(grant, node)
	));
}

/// What `node` names when it decides on its arrangement of `grant`.
pub fn arrangement_digest_of(grant: &Grant, node: &AccountId) -> [u8; 32] {
	let policy = pallet_nkms_policy::Policies::<Runtime>::get(grant.id).unwrap();
	let kfrag_id = policy.arrangements.iter().find(|a| &a.node == node).unwrap().kfrag_id;
	let kfrag = pallet_nkms_policy::KeyFrags::<Runtime>::get(grant.id, node).unwrap();
	arrangement_digest(&grant.id, &policy.umbral_keys, &kfrag_id, &kfrag)
}

/// Eve's `m`-of-3 policy over the `local` chain's validators (Alice, Bob and Charlie) at the
/// range's minimum rate until `expiry`, each fragment encrypted to its node's Umbral key (given
/// one by `register_umbral_keys` if it has none). No node has accepted yet.
pub fn eve_proposes(m: u8, expiry: u32) -> Grant {
	let nodes: Vec<AccountId> =
		[Sr25519Keyring::Alice, Sr25519Keyring::Bob, Sr25519Keyring::Charlie]
			.iter()
			.map(|key| key.to_account_id())
			.collect();
	register_umbral_keys(&nodes);
	let delegating = SecretKey::random();
	let signer = SecretKey::random();
	let receiving = SecretKey::random();
	let kfrags = umbral_pre::generate_kfrags(
		&delegating,
		&receiving.public_key(),
		&Signer::new(signer.clone()),
		m.into(),
		3,
		true,
		true,
	)
	.into_vec();
	let shares = nodes
		.iter()
		.zip(&kfrags)
		.map(|(node, kfrag)| {
			let node_key = Staking::umbral_key_of(node).unwrap().to_umbral().unwrap();
			let bytes = KeyFragBytes::from_umbral(&kfrag.clone().unverify()).unwrap();
			let (capsule, ciphertext) = umbral_pre::encrypt(&node_key, bytes.as_bytes()).unwrap();
			Share {
				node: node.clone(),
				kfrag_id: bytes.id().unwrap(),
				kfrag: EncryptedKeyFrag::from_umbral(&capsule, &ciphertext).unwrap(),
			}
		})
		.collect::<Vec<_>>();
	let key = |sk: &SecretKey| UmbralPublicKey::from_umbral(&sk.public_key()).unwrap();
	let umbral_keys = PolicyKeys {
		receiving: key(&receiving),
		delegating: key(&delegating),
		verifying: key(&signer),
	};
	let eve = Sr25519Keyring::Eve.to_account_id();
	assert_ok!(Policy::create_policy(
		RuntimeOrigin::signed(eve.clone()),
		BoundedVec::truncate_from(b"records".to_vec()),
		umbral_keys,
		m,
		SharesOf::<Runtime>::truncate_from(shares),
		expiry,
		DEV_FEE_RATES.0,
		None,
	));
	let id = nkms_primitives::policy::policy_id(&eve, &umbral_keys.receiving, b"records");
	Grant { id, delegating, nodes, kfrags }
}
