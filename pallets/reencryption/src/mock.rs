//! A test runtime: System, Balances (holds) and Reencryption; the policy and staking pallets
//! are mocked through their traits. Every test built here ends by checking the pallet's
//! invariants.

use alloc::collections::BTreeMap;
use codec::Encode;
use frame_support::{
	derive_impl, parameter_types,
	traits::{ConstU32, ConstU64, Hooks},
};
use frame_system::offchain::{
	AppCrypto, CreateAuthorizedTransaction, CreateSignedTransaction, CreateTransaction,
	CreateTransactionBase, SigningTypes,
};
use nkms_primitives::{
	policy::{LivePolicy, NodeDecision, Policies, PolicyId, PolicyKeys, PolicyNode, Proposal},
	staking::{NodeRegistry, SampleError, SlashAmount, SlashReason, SlashStake},
	umbral_pre::{
		encrypt, generate_kfrags, reencrypt, Capsule, SecretKey, Signer, VerifiedKeyFrag,
	},
	CapsuleBytes, CapsuleFragBytes, EncryptedKeyFrag, KeyFragBytes, KeyFragId, NodeKey,
	UmbralPublicKey, UmbralSignature,
};
use sp_runtime::{
	testing::{TestSignature, UintAuthorityId},
	traits::Convert,
	BuildStorage, Perbill,
};

use crate::{self as pallet_nkms_reencryption, CapsulesOf, CfragsOf, RequestId};

type Block = frame_system::mocking::MockBlock<Test>;
pub type AccountId = u64;
pub type Balance = u64;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Reencryption: pallet_nkms_reencryption,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<Balance>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type AccountStore = System;
	type Balance = Balance;
	type RuntimeHoldReason = RuntimeHoldReason;
	type ExistentialDeposit = ConstU64<1>;
}

/// The transactions of the off-chain worker: signed by a `UintAuthorityId`, which signs
/// `(call, nonce)` as its number.
pub type Extrinsic =
	sp_runtime::generic::UncheckedExtrinsic<AccountId, RuntimeCall, TestSignature, ()>;

impl SigningTypes for Test {
	type Public = UintAuthorityId;
	type Signature = TestSignature;
}

impl<C> CreateTransactionBase<C> for Test
where
	RuntimeCall: From<C>,
{
	type Extrinsic = Extrinsic;
	type RuntimeCall = RuntimeCall;
}

impl<C> CreateSignedTransaction<C> for Test
where
	RuntimeCall: From<C>,
{
	fn create_signed_transaction<A: AppCrypto<UintAuthorityId, TestSignature>>(
		call: RuntimeCall,
		public: UintAuthorityId,
		account: AccountId,
		nonce: u32,
	) -> Option<Extrinsic> {
		let signature = A::sign(&(&call, nonce).encode(), public)?;
		Some(Extrinsic::new_signed(call, account, signature, ()))
	}
}

/// General transactions, such as the worker's answers authorized by their signature: no
/// extension runs in the mock, whose tests call `Authorize::authorize` themselves.
impl<C> CreateTransaction<C> for Test
where
	RuntimeCall: From<C>,
{
	type Extension = ();

	fn create_transaction(call: RuntimeCall, extension: ()) -> Extrinsic {
		Extrinsic::new_transaction(call, extension)
	}
}

impl<C> CreateAuthorizedTransaction<C> for Test
where
	RuntimeCall: From<C>,
{
	fn create_extension() {}
}

/// The mock's `nkms` keys: the `UintAuthorityId`s set with `UintAuthorityId::set_all_keys`.
pub struct MockNodeKey;

impl AppCrypto<UintAuthorityId, TestSignature> for MockNodeKey {
	type RuntimeAppPublic = UintAuthorityId;
	type GenericPublic = UintAuthorityId;
	type GenericSignature = TestSignature;
}

/// Stands for the staking pallet's `set_umbral_key`: a remark of the key and its proof.
pub struct RemarkUmbralKey;

impl Convert<(UmbralPublicKey, UmbralSignature), RuntimeCall> for RemarkUmbralKey {
	fn convert(registration: (UmbralPublicKey, UmbralSignature)) -> RuntimeCall {
		RuntimeCall::System(frame_system::Call::remark { remark: registration.encode() })
	}
}

/// Stands for the policy pallet's decisions: a remark (with event) of the decision.
pub struct RemarkDecision;

impl Convert<NodeDecision, RuntimeCall> for RemarkDecision {
	fn convert(decision: NodeDecision) -> RuntimeCall {
		RuntimeCall::System(frame_system::Call::remark_with_event { remark: decision.encode() })
	}
}

/// Each test account's starting balance.
pub const ENDOWMENT: Balance = 1_000_000;
/// Alice, who grants.
pub const ALICE: AccountId = 1;
/// Bob, who requests.
pub const BOB: AccountId = 2;
/// Someone else.
pub const EVE: AccountId = 3;
/// The staked nodes.
pub const NODES: [AccountId; 5] = [11, 12, 13, 14, 15];
/// Node `n`'s `nkms` session key signs as account `n + NODE_KEY_OFFSET`.
pub const NODE_KEY_OFFSET: AccountId = 100;
/// Every node's held stake, before slashes.
pub const STAKE: Balance = 1_000;
pub const MAX_CAPSULES: u32 = 4;
pub const MAX_REQUESTS_PER_BLOCK: u32 = 3;
pub const RESPONSE_WINDOW: u64 = 6;
pub const RETENTION: u64 = 10;
pub const STRIKE_LIMIT: u32 = 3;
pub const STRIKE_WINDOW: u64 = 20;
pub const LIVENESS_SLASH: Perbill = Perbill::from_percent(10);
pub const WRONG_FRAGMENT_SLASH: Perbill = Perbill::from_percent(50);

parameter_types! {
	/// The live policies, as the policy pallet would tell them.
	pub static LivePolicies: BTreeMap<PolicyId, LivePolicy<AccountId, u64>> = BTreeMap::new();
	/// Every missed request reported to the policy pallet: (policy, node, from, to).
	pub static Missed: Vec<(PolicyId, AccountId, u64, u64)> = vec![];
	/// The nodes' registered Umbral keys, as the staking pallet would tell them.
	pub static UmbralKeys: BTreeMap<AccountId, UmbralPublicKey> = BTreeMap::new();
	/// Each node's encrypted key fragment of each policy, as the policy pallet keeps them.
	pub static EncryptedKfrags: BTreeMap<(PolicyId, AccountId), EncryptedKeyFrag> = BTreeMap::new();
	/// The arrangements each node has yet to decide on, as the policy pallet lists them.
	pub static Proposals: BTreeMap<AccountId, Vec<Proposal<u64>>> = BTreeMap::new();
	/// Nodes slashed below the minimum stake.
	pub static BelowMinimum: Vec<AccountId> = vec![];
	/// Every slash: (node, amount, reason).
	pub static Slashes: Vec<(AccountId, SlashAmount<Balance>, SlashReason)> = vec![];
	pub const LivenessSlash: Perbill = LIVENESS_SLASH;
	pub const WrongFragmentSlash: Perbill = WRONG_FRAGMENT_SLASH;
}

pub struct MockPolicies;

impl Policies<AccountId, u64> for MockPolicies {
	fn live_policy(id: &PolicyId) -> Option<LivePolicy<AccountId, u64>> {
		LivePolicies::get()
			.get(id)
			.filter(|policy| System::block_number() < policy.ends_at)
			.cloned()
	}

	fn encrypted_kfrag(id: &PolicyId, node: &AccountId) -> Option<EncryptedKeyFrag> {
		EncryptedKfrags::get().get(&(*id, *node)).cloned()
	}

	fn proposals(node: &AccountId) -> Vec<Proposal<u64>> {
		Proposals::get().get(node).cloned().unwrap_or_default()
	}

	fn missed_request(id: &PolicyId, node: &AccountId, from: u64, to: u64) {
		Missed::mutate(|missed| missed.push((*id, *node, from, to)));
	}
}

pub struct MockStaking;

impl NodeRegistry<AccountId> for MockStaking {
	type Balance = Balance;

	fn is_active(who: &AccountId) -> bool {
		NODES.contains(who)
	}

	fn can_serve(who: &AccountId) -> bool {
		NODES.contains(who)
	}

	fn stake_of(who: &AccountId) -> Balance {
		if NODES.contains(who) {
			STAKE
		} else {
			0
		}
	}

	fn has_min_stake(who: &AccountId) -> bool {
		NODES.contains(who) && !BelowMinimum::get().contains(who)
	}

	fn umbral_key_of(who: &AccountId) -> Option<UmbralPublicKey> {
		UmbralKeys::get().get(who).copied()
	}

	fn active_nodes() -> Vec<(AccountId, Balance)> {
		NODES.iter().map(|node| (*node, STAKE)).collect()
	}

	fn sample_active_nodes(_: &[u8; 32], _: u32) -> Result<Vec<AccountId>, SampleError> {
		Ok(NODES.to_vec())
	}

	fn staker_of_node_key(_: &NodeKey) -> Option<AccountId> {
		None
	}

	fn staker_acting_as(caller: &AccountId) -> Option<AccountId> {
		[*caller, caller.wrapping_sub(NODE_KEY_OFFSET)]
			.into_iter()
			.find(|staker| NODES.contains(staker))
	}
}

impl SlashStake<AccountId> for MockStaking {
	type Balance = Balance;

	fn slash(
		who: &AccountId,
		amount: SlashAmount<Balance>,
		reason: SlashReason,
		_: Option<&AccountId>,
	) -> Balance {
		Slashes::mutate(|slashes| slashes.push((*who, amount, reason)));
		match amount {
			SlashAmount::Fraction(fraction) => fraction * Self::stake_of(who),
			SlashAmount::Amount(amount) => amount.min(Self::stake_of(who)),
		}
	}
}

impl pallet_nkms_reencryption::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Policies = MockPolicies;
	type Nodes = MockStaking;
	type Slashing = MockStaking;
	type MaxCapsulesPerRequest = ConstU32<MAX_CAPSULES>;
	type MaxShares = ConstU32<5>;
	type MaxRequestsPerBlock = ConstU32<MAX_REQUESTS_PER_BLOCK>;
	type ResponseWindow = ConstU64<RESPONSE_WINDOW>;
	type RetentionPeriod = ConstU64<RETENTION>;
	type StrikeLimit = ConstU32<STRIKE_LIMIT>;
	type StrikeWindow = ConstU64<STRIKE_WINDOW>;
	type LivenessSlash = LivenessSlash;
	type WrongFragmentSlash = WrongFragmentSlash;
	type DepositBase = ConstU64<10>;
	type DepositPerByte = ConstU64<1>;
	type AuthorityId = MockNodeKey;
	type RegisterUmbralKey = RemarkUmbralKey;
	type PolicyCalls = RemarkDecision;
	type WeightInfo = crate::weights::SubstrateWeight<Test>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockStaking;
}

#[cfg(feature = "runtime-benchmarks")]
impl crate::benchmarking::BenchmarkHelper<AccountId, UintAuthorityId> for MockStaking {
	fn make_policy(
		threshold: u8,
		keys: PolicyKeys,
		kfrag_ids: Vec<KeyFragId>,
	) -> (PolicyId, Vec<AccountId>) {
		let nodes = NODES[..kfrag_ids.len()].to_vec();
		let live = LivePolicy {
			threshold,
			keys,
			nodes: policy_nodes(&nodes, kfrag_ids),
			requester: None,
			ends_at: u64::MAX,
		};
		LivePolicies::mutate(|policies| policies.insert([0xbe; 32], live));
		([0xbe; 32], nodes)
	}

	fn node_key(node: &AccountId) -> UintAuthorityId {
		UintAuthorityId(node + NODE_KEY_OFFSET)
	}
}

/// Alice's grant to Bob over some nodes, with everything the tests need to answer for it.
pub struct Grant {
	pub id: PolicyId,
	pub delegating: SecretKey,
	pub receiving: SecretKey,
	/// Alice's signing key, which signed the key fragments.
	pub signer: SecretKey,
	/// Each node's key fragment, in the order of `nodes`.
	pub kfrags: Vec<VerifiedKeyFrag>,
}

fn public(secret: &SecretKey) -> UmbralPublicKey {
	UmbralPublicKey::from_umbral(&secret.public_key()).unwrap()
}

/// The id of a key fragment.
pub fn kfrag_id(kfrag: &VerifiedKeyFrag) -> KeyFragId {
	KeyFragBytes::from_umbral(&kfrag.clone().unverify()).unwrap().id().unwrap()
}

/// `nodes`, each with its key fragment's id.
fn policy_nodes(nodes: &[AccountId], kfrag_ids: Vec<KeyFragId>) -> Vec<PolicyNode<AccountId>> {
	nodes
		.iter()
		.zip(kfrag_ids)
		.map(|(account, kfrag_id)| PolicyNode { account: *account, kfrag_id })
		.collect()
}

/// Makes a live policy `id` of `m` of `nodes`, until block 1000, for `requester` if given.
pub fn grant(id: u8, m: u8, nodes: &[AccountId], requester: Option<AccountId>) -> Grant {
	let delegating = SecretKey::random();
	let receiving = SecretKey::random();
	let signer = SecretKey::random();
	let kfrags = generate_kfrags(
		&delegating,
		&receiving.public_key(),
		&Signer::new(signer.clone()),
		m as usize,
		nodes.len(),
		true,
		true,
	)
	.into_vec();
	let live = LivePolicy {
		threshold: m,
		keys: PolicyKeys {
			receiving: public(&receiving),
			delegating: public(&delegating),
			verifying: public(&signer),
		},
		nodes: policy_nodes(nodes, kfrags.iter().map(kfrag_id).collect()),
		requester,
		ends_at: 1_000,
	};
	LivePolicies::mutate(|policies| policies.insert([id; 32], live));
	Grant { id: [id; 32], delegating, receiving, signer, kfrags }
}

/// Ends policy `id` now, as a revocation would.
pub fn revoke(id: &PolicyId) {
	LivePolicies::mutate(|policies| policies.remove(id));
}

/// Withdraws `node` from policy `id`, as `revoke_node` would.
pub fn revoke_node(id: &PolicyId, node: AccountId) {
	LivePolicies::mutate(|policies| {
		if let Some(policy) = policies.get_mut(id) {
			policy.nodes.retain(|n| n.account != node);
		}
	});
}

impl Grant {
	/// `count` messages encrypted under Alice's key: capsules and ciphertexts.
	pub fn seal(&self, count: usize) -> Vec<(Capsule, Box<[u8]>)> {
		(0..count)
			.map(|i| encrypt(&self.delegating.public_key(), &[i as u8; 8]).unwrap())
			.collect()
	}

	/// `count` capsules encrypted under Alice's key.
	pub fn capsules(&self, count: usize) -> Vec<Capsule> {
		self.seal(count).into_iter().map(|(capsule, _)| capsule).collect()
	}

	/// The node at `index`'s honest answer for `capsules`.
	pub fn answer(&self, index: usize, capsules: &[Capsule]) -> CfragsOf<Test> {
		capsules
			.iter()
			.map(|capsule| {
				let cfrag = reencrypt(capsule, self.kfrags[index].clone()).unverify();
				CapsuleFragBytes::from_umbral(&cfrag).unwrap()
			})
			.collect::<Vec<_>>()
			.try_into()
			.unwrap()
	}
}

/// Capsules in the chain's bytes.
pub fn on_chain(capsules: &[Capsule]) -> CapsulesOf<Test> {
	capsules
		.iter()
		.map(|capsule| CapsuleBytes::from_umbral(capsule).unwrap())
		.collect::<Vec<_>>()
		.try_into()
		.unwrap()
}

/// Bob requests `capsules` under `grant`; returns the request's id.
pub fn request(grant: &Grant, capsules: &[Capsule]) -> RequestId {
	let id = crate::NextRequestId::<Test>::get();
	Reencryption::request_reencryption(RuntimeOrigin::signed(BOB), grant.id, on_chain(capsules))
		.unwrap();
	id
}

/// Runs `on_initialize` at each block from the next one to `block`.
pub fn run_to(block: u64) {
	while System::block_number() < block {
		let next = System::block_number() + 1;
		System::set_block_number(next);
		Reencryption::on_initialize(next);
	}
}

/// This pallet's events since the last call, oldest first.
pub fn events() -> Vec<crate::Event<Test>> {
	let events = System::events()
		.into_iter()
		.filter_map(|record| match record.event {
			RuntimeEvent::Reencryption(event) => Some(event),
			_ => None,
		})
		.collect();
	System::reset_events();
	events
}

pub fn new_test_ext() -> TestExt {
	LivePolicies::take();
	UmbralKeys::take();
	EncryptedKfrags::take();
	Proposals::take();
	BelowMinimum::take();
	UintAuthorityId::set_all_keys(Vec::<u64>::new());
	Missed::take();
	Slashes::take();
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	let balances = [ALICE, BOB, EVE].into_iter().chain(NODES).map(|who| (who, ENDOWMENT)).collect();
	pallet_balances::GenesisConfig::<Test> { balances, ..Default::default() }
		.assimilate_storage(&mut storage)
		.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	TestExt(ext)
}

pub struct TestExt(sp_io::TestExternalities);

pub type OffchainStateRef =
	alloc::sync::Arc<parking_lot::RwLock<sp_core::offchain::testing::OffchainState>>;
pub type PoolStateRef =
	alloc::sync::Arc<parking_lot::RwLock<sp_core::offchain::testing::PoolState>>;
pub type KeystoreRef = alloc::sync::Arc<sp_keystore::testing::MemoryKeystore>;

impl TestExt {
	/// Runs `test`, then asserts that every invariant holds.
	pub fn execute_with<R>(&mut self, test: impl FnOnce() -> R) -> R {
		self.0.execute_with(|| {
			let result = test();
			Reencryption::do_try_state().expect("the invariants hold after the test");
			result
		})
	}

	/// Gives the externalities an off-chain worker's context: off-chain storage, random seed,
	/// transaction pool and the node's keystore, whose states are returned.
	pub fn with_offchain(mut self) -> (Self, OffchainStateRef, PoolStateRef, KeystoreRef) {
		use sp_core::offchain::{
			testing::{TestOffchainExt, TestTransactionPoolExt},
			OffchainDbExt, OffchainWorkerExt, TransactionPoolExt,
		};
		let (offchain, offchain_state) = TestOffchainExt::new();
		let (pool, pool_state) = TestTransactionPoolExt::new();
		let keystore = alloc::sync::Arc::new(sp_keystore::testing::MemoryKeystore::new());
		self.0.register_extension(OffchainDbExt::new(offchain.clone()));
		self.0.register_extension(OffchainWorkerExt::new(offchain));
		self.0.register_extension(TransactionPoolExt::new(pool));
		self.0.register_extension(sp_keystore::KeystoreExt::new(keystore.clone()));
		(self, offchain_state, pool_state, keystore)
	}

	/// Makes `keystore` the node's keystore.
	pub fn register_keystore(&mut self, keystore: KeystoreRef) {
		self.0.register_extension(sp_keystore::KeystoreExt::new(keystore));
	}

	/// Runs `test` without the check, for tests that break an invariant on purpose.
	pub fn execute_unchecked<R>(&mut self, test: impl FnOnce() -> R) -> R {
		self.0.execute_with(test)
	}
}
