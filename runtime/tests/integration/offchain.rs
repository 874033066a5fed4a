//! The re-encryption pallet's off-chain worker in the real runtime: Alice's node, with its
//! `nkms` key in a memory keystore, registers its Umbral key with its proof, checks and accepts
//! its arrangement of a policy and answers a request, with signed transactions that the runtime
//! takes without a fee.

use codec::Decode;
use frame_support::{assert_ok, traits::fungible::Inspect, BoundedVec};
use nkms_primitives::{staking::NodeRegistry, umbral_pre, CapsuleBytes, NODE_KEY_TYPE};
use nkms_runtime::{
	Address, Balances, Executive, Header, Reencryption, RuntimeCall, RuntimeEvent, RuntimeOrigin,
	Staking, System, UncheckedExtrinsic,
};
use pallet_nkms_reencryption::Event as ReencryptionEvent;
use parking_lot::RwLock;
use sp_core::offchain::{
	testing::{PoolState, TestOffchainExt, TestTransactionPoolExt},
	OffchainDbExt, OffchainWorkerExt, TransactionPoolExt,
};
use sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET;
use sp_keyring::Sr25519Keyring;
use sp_keystore::{testing::MemoryKeystore, Keystore, KeystoreExt};
use sp_runtime::{generic::Preamble, traits::Header as _};
use std::sync::Arc;

use crate::common::{accept, eve_proposes, preset_state};

/// The `local` chain's genesis with Alice's node's keystore and off-chain context.
fn alices_node() -> (sp_io::TestExternalities, Arc<RwLock<PoolState>>) {
	let mut ext = preset_state(LOCAL_TESTNET_RUNTIME_PRESET);
	let keystore = MemoryKeystore::new();
	keystore.sr25519_generate_new(NODE_KEY_TYPE, Some("//Alice")).unwrap();
	ext.register_extension(KeystoreExt::new(keystore));
	let (offchain, _) = TestOffchainExt::new();
	let (pool, pool_state) = TestTransactionPoolExt::new();
	ext.register_extension(OffchainDbExt::new(offchain.clone()));
	ext.register_extension(OffchainWorkerExt::new(offchain));
	ext.register_extension(TransactionPoolExt::new(pool));
	(ext, pool_state)
}

/// Starts block `number` (the state the node's worker sees is that of the imported block), runs
/// the off-chain worker of the block and returns the transactions it sent.
fn worker_of_block(number: u32, pool: &RwLock<PoolState>) -> Vec<UncheckedExtrinsic> {
	let parent = [number as u8; 32].into();
	System::initialize(&number, &parent, &Default::default());
	let header =
		Header::new(number, Default::default(), Default::default(), parent, Default::default());
	Executive::offchain_worker(&header);
	pool.write()
		.transactions
		.drain(..)
		.map(|bytes| UncheckedExtrinsic::decode(&mut &bytes[..]).unwrap())
		.collect()
}

/// Checks that `xt` is signed by Alice's `nkms` key with nonce `nonce`, applies it as a block
/// would, and checks that it cost her nothing.
fn apply_from_alice(xt: UncheckedExtrinsic, nonce: u32) {
	let alice = Sr25519Keyring::Alice.to_account_id();
	let Preamble::Signed(Address::Id(ref signer), _, ref extension) = xt.preamble else {
		panic!("a signed transaction");
	};
	assert_eq!(signer, &alice);
	assert_eq!(extension.6, frame_system::CheckNonce::from(nonce));
	let balance = Balances::balance(&alice);
	assert_ok!(Executive::apply_extrinsic(xt).expect("a valid transaction"));
	assert_eq!(Balances::balance(&alice), balance, "no fee");
}

#[test]
fn alices_node_registers_its_key_and_answers_for_free() {
	let (mut ext, pool) = alices_node();
	ext.execute_with(|| {
		let alice = Sr25519Keyring::Alice.to_account_id();
		let mut sent = worker_of_block(1, &pool);
		assert_eq!(sent.len(), 1, "only Alice's key is in the keystore");
		let registration = sent.remove(0);
		let RuntimeCall::Staking(pallet_nkms_staking::Call::set_umbral_key { key, .. }) =
			registration.function.clone()
		else {
			panic!("a registration: {:?}", registration.function);
		};
		apply_from_alice(registration, 0);
		assert_eq!(Staking::umbral_key_of(&alice), Some(key));
		assert!(worker_of_block(2, &pool).is_empty(), "registered");

		// Eve's 2-of-3 policy encrypts Alice's key fragment to the key her node registered; her
		// node checks it and accepts; Bob and Charlie accept too.
		let grant = eve_proposes(2, 1_000);
		let mut sent = worker_of_block(3, &pool);
		assert_eq!(sent.len(), 1, "one decision");
		let decision = sent.remove(0);
		assert!(matches!(
			&decision.function,
			RuntimeCall::Policy(pallet_nkms_policy::Call::accept_arrangement { id, .. }) if *id == grant.id
		));
		apply_from_alice(decision, 1);
		for node in &grant.nodes[1..] {
			accept(&grant, node);
		}
		assert!(worker_of_block(4, &pool).is_empty(), "decided");
		let (capsule, _) = umbral_pre::encrypt(&grant.delegating.public_key(), b"hi").unwrap();
		let id = pallet_nkms_reencryption::NextRequestId::<nkms_runtime::Runtime>::get();
		assert_ok!(Reencryption::request_reencryption(
			RuntimeOrigin::signed(Sr25519Keyring::Ferdie.to_account_id()),
			grant.id,
			BoundedVec::truncate_from(vec![CapsuleBytes::from_umbral(&capsule).unwrap()]),
		));

		let mut sent = worker_of_block(5, &pool);
		assert_eq!(sent.len(), 1);
		let answer = sent.remove(0);
		// The answer is a general transaction authorized by the signature of Alice's key in
		// it: it takes no nonce and costs nothing.
		assert!(matches!(
			&answer.function,
			RuntimeCall::Reencryption(pallet_nkms_reencryption::Call::submit_node_answer { answer, .. })
				if answer.id == id && answer.key == sp_runtime::MultiSigner::from(Sr25519Keyring::Alice.public())
		));
		assert!(matches!(answer.preamble, Preamble::General(..)));
		let (balance, nonce) = (Balances::balance(&alice), System::account_nonce(&alice));
		assert_ok!(Executive::apply_extrinsic(answer).expect("a valid transaction"));
		assert_eq!((Balances::balance(&alice), System::account_nonce(&alice)), (balance, nonce));
		let accepted = ReencryptionEvent::FragmentsAccepted { id, node: alice };
		assert!(System::events()
			.iter()
			.any(|record| record.event == RuntimeEvent::Reencryption(accepted.clone())));
		assert!(worker_of_block(6, &pool).is_empty(), "answered once");
	});
}
