//! A test runtime: System, Balances (holds) and Staking; pallet-session (keys, key owners and
//! disabling) and the policy pallet are mocked through their traits. Every test built here ends
//! by checking the pallet's invariants.

use frame_support::{
	derive_impl, parameter_types,
	traits::{tokens::imbalance::ResolveTo, ValidatorRegistration},
};
use frame_system::EnsureRoot;
use nkms_primitives::{staking::umbral_key_proof_message, UmbralPublicKey, UmbralSignature};
use pallet_session::SessionManager;
use sp_runtime::DispatchResult;
use sp_runtime::{BuildStorage, Perbill};

use crate::{self as pallet_nkms_staking, DisableValidator, NodeKeyOwner, PolicyObligations};

type Block = frame_system::mocking::MockBlock<Test>;
pub type AccountId = u64;
pub type Balance = u64;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Staking: pallet_nkms_staking,
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
	type ExistentialDeposit = frame_support::traits::ConstU64<EXISTENTIAL_DEPOSIT>;
}

pub const EXISTENTIAL_DEPOSIT: Balance = 5;
pub const MIN_STAKE: Balance = 100;
pub const UNBONDING: u64 = 10;
pub const TREASURY: AccountId = 999;
/// Each test account's starting balance.
pub const ENDOWMENT: Balance = 10_000;

parameter_types! {
	/// `MinStake`; a static so that a test can raise it, as a runtime upgrade could.
	pub static RequiredStake: Balance = MIN_STAKE;
	pub const UnbondingPeriod: u64 = UNBONDING;
	pub const Treasury: AccountId = TREASURY;
	/// Accounts with session keys.
	pub static SessionKeysOf: Vec<AccountId> = vec![];
	/// `nkms` keys (raw bytes) and their owners.
	pub static NodeKeys: Vec<(Vec<u8>, AccountId)> = vec![];
	/// Nodes that serve live policies.
	pub static ServingPolicies: Vec<AccountId> = vec![];
	/// The validators disabled in this session, with the severity of their offence.
	pub static Disabled: Vec<(AccountId, Perbill)> = vec![];
}

pub const HISTORY_DEPTH: u32 = 4;

pub struct MockSessionKeys;
impl ValidatorRegistration<AccountId> for MockSessionKeys {
	fn is_registered(who: &AccountId) -> bool {
		SessionKeysOf::get().contains(who)
	}
}

pub struct MockNodeKeys;
impl NodeKeyOwner<AccountId> for MockNodeKeys {
	fn owner_of(node_key: &[u8]) -> Option<AccountId> {
		NodeKeys::get()
			.into_iter()
			.find(|(key, _)| key == node_key)
			.map(|(_, owner)| owner)
	}

	fn node_account_of(owner: &AccountId) -> Option<AccountId> {
		NodeKeys::get()
			.into_iter()
			.rev()
			.find(|(_, of)| of == owner)
			.and_then(|(key, _)| key.try_into().ok().map(AccountId::from_le_bytes))
	}
}

pub struct MockDisabling;
impl DisableValidator<AccountId> for MockDisabling {
	fn disable(who: &AccountId, severity: Perbill) {
		Disabled::mutate(|disabled| disabled.push((*who, severity)));
	}

	fn reenable_all() {
		Disabled::take();
	}
}

pub struct MockPolicies;
impl PolicyObligations<AccountId> for MockPolicies {
	fn serves_live_policies(node: &AccountId) -> bool {
		ServingPolicies::get().contains(node)
	}
}

/// The account acting as `who`'s `nkms` session key.
pub fn node_account(who: AccountId) -> AccountId {
	who + 1_000_000
}

/// Registers session keys for `who`, with `node_account(who)` as its `nkms` key.
pub fn register_keys(who: AccountId) -> AccountId {
	SessionKeysOf::mutate(|keys| keys.push(who));
	let node = node_account(who);
	NodeKeys::mutate(|keys| keys.push((node.to_le_bytes().to_vec(), who)));
	node
}

#[cfg(feature = "runtime-benchmarks")]
impl crate::benchmarking::BenchmarkHelper<AccountId> for MockNodeKeys {
	fn register_session_keys(who: &AccountId) -> AccountId {
		register_keys(*who)
	}

	fn set_session_validators(_: Vec<AccountId>) {}

	fn fill_ended_obligations(_: &AccountId) {}
}

impl pallet_nkms_staking::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type MinStake = RequiredStake;
	type UnbondingPeriod = UnbondingPeriod;
	type MaxUnlockingChunks = frame_support::traits::ConstU32<4>;
	type MaxCandidates = frame_support::traits::ConstU32<8>;
	type MaxValidators = frame_support::traits::ConstU32<3>;
	type MaxSlashRecords = frame_support::traits::ConstU32<3>;
	type RewardFraction = RewardFraction;
	type HistoryDepth = frame_support::traits::ConstU32<HISTORY_DEPTH>;
	type DefaultSessionLength = frame_support::traits::ConstU64<5>;
	type SlashDestination = ResolveTo<Treasury, Balances>;
	type AdminOrigin = EnsureRoot<AccountId>;
	type SessionKeys = MockSessionKeys;
	type NodeKeyOwner = MockNodeKeys;
	type ValidatorDisabling = MockDisabling;
	type PolicyObligations = MockPolicies;
	type WeightInfo = crate::weights::SubstrateWeight<Test>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockNodeKeys;
}

parameter_types! {
	pub const RewardFraction: Perbill = Perbill::from_percent(10);
}

/// A valid Umbral public key that differs for each `seed`.
pub fn umbral_key(seed: u8) -> UmbralPublicKey {
	UmbralPublicKey::from_umbral(&umbral_secret(seed).public_key()).expect("a point")
}

/// The Umbral secret key of [`umbral_key`]`(seed)`.
pub fn umbral_secret(seed: u8) -> umbral_pre::SecretKey {
	let factory =
		umbral_pre::SecretKeyFactory::from_secure_randomness(&[seed; 32]).expect("a 32-byte seed");
	factory.make_key(b"test")
}

/// The proof that the holder of [`umbral_key`]`(seed)` registers it for `staker`.
pub fn key_proof(seed: u8, staker: AccountId) -> UmbralSignature {
	let genesis = System::block_hash(0);
	let message = umbral_key_proof_message(&staker, genesis.as_ref());
	UmbralSignature::from_umbral(&umbral_pre::Signer::new(umbral_secret(seed)).sign(&message))
		.expect("64 bytes")
}

/// `who` (the staker or its `nkms` key) registers [`umbral_key`]`(seed)` for `staker`.
pub fn set_key(who: AccountId, staker: AccountId, seed: u8) -> DispatchResult {
	Staking::set_umbral_key(RuntimeOrigin::signed(who), umbral_key(seed), key_proof(seed, staker))
}

/// Accounts 1..=10 and the treasury endowed; no stakers.
pub fn new_test_ext() -> TestExt {
	ExtBuilder::default().build()
}

/// Test externalities that check the pallet's invariants after each closure they run.
pub struct TestExt(sp_io::TestExternalities);

impl TestExt {
	/// Runs `test`, then asserts that every invariant holds.
	pub fn execute_with<R>(&mut self, test: impl FnOnce() -> R) -> R {
		self.0.execute_with(|| {
			let result = test();
			Staking::do_try_state().expect("the invariants hold after the test");
			result
		})
	}

	/// Runs `test` without the check, for tests that break an invariant on purpose.
	pub fn execute_unchecked<R>(&mut self, test: impl FnOnce() -> R) -> R {
		self.0.execute_with(test)
	}
}

#[derive(Default)]
pub struct ExtBuilder {
	stakers: Vec<(AccountId, Balance)>,
	without_umbral_keys: bool,
}

impl ExtBuilder {
	/// Genesis stakers with session keys and Umbral keys `umbral_key(account)`.
	pub fn stakers(mut self, stakers: &[(AccountId, Balance)]) -> Self {
		self.stakers = stakers.to_vec();
		self
	}

	/// Genesis stakers without Umbral keys, as on the dev and local chains.
	pub fn without_umbral_keys(mut self) -> Self {
		self.without_umbral_keys = true;
		self
	}

	pub fn build(self) -> TestExt {
		SessionKeysOf::take();
		NodeKeys::take();
		ServingPolicies::take();
		Disabled::take();
		RequiredStake::set(MIN_STAKE);
		let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
		let mut balances: Vec<_> = (1..=10).map(|who| (who, ENDOWMENT)).collect();
		balances.push((TREASURY, EXISTENTIAL_DEPOSIT));
		pallet_balances::GenesisConfig::<Test> { balances, ..Default::default() }
			.assimilate_storage(&mut storage)
			.unwrap();
		pallet_nkms_staking::GenesisConfig::<Test> {
			stakers: self
				.stakers
				.iter()
				.map(|&(who, stake)| {
					(who, stake, (!self.without_umbral_keys).then(|| umbral_key(who as u8)))
				})
				.collect(),
			session_length: None,
		}
		.assimilate_storage(&mut storage)
		.unwrap();
		let mut ext = sp_io::TestExternalities::new(storage);
		let stakers = self.stakers;
		ext.execute_with(|| {
			System::set_block_number(1);
			for (who, _) in stakers {
				register_keys(who);
			}
		});
		TestExt(ext)
	}
}

/// Ends session `session - 1` and starts `session` the way pallet-session does, then plans
/// `session + 1`; returns what the planning told pallet-session.
pub fn rotate_to(session: u32) -> Option<Vec<AccountId>> {
	Staking::end_session(session - 1);
	Staking::start_session(session);
	Staking::new_session(session + 1)
}

/// The events of this pallet so far.
pub fn staking_events() -> Vec<crate::Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|record| match record.event {
			RuntimeEvent::Staking(event) => Some(event),
			_ => None,
		})
		.collect()
}
