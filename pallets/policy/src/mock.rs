//! A test runtime: System, Balances (holds) and Policy; the staking pallet is mocked through
//! its traits. Every test built here ends by checking the pallet's invariants.

use frame_support::{
	derive_impl, parameter_types,
	traits::{fungible::Mutate, tokens::Preservation, ConstU32, ConstU64},
};
use frame_system::EnsureRoot;
use nkms_primitives::{
	policy::{Liveness, PolicyId},
	staking::{NodeRegistry, RewardNode, SampleError},
	umbral_pre::{self, SecretKey, SecretKeyFactory, Signer},
	EncryptedKeyFrag, KeyFragBytes, NodeKey, UmbralPublicKey,
};
use sp_runtime::{BuildStorage, DispatchResult, TokenError};

use crate::{self as pallet_nkms_policy, PolicyKeys, Share, SharesOf};

type Block = frame_system::mocking::MockBlock<Test>;
pub type AccountId = u64;
pub type Balance = u64;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Policy: pallet_nkms_policy,
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
	type ExistentialDeposit = ConstU64<EXISTENTIAL_DEPOSIT>;
}

pub const EXISTENTIAL_DEPOSIT: Balance = 1;
/// Each test account's starting balance.
pub const ENDOWMENT: Balance = 1_000_000;
/// Alice, the usual owner.
pub const ALICE: AccountId = 1;
/// Bob, the usual requester.
pub const BOB: AccountId = 2;
/// The nodes of the mock's active set: 11 to 15.
pub const NODES: [AccountId; 5] = [11, 12, 13, 14, 15];
pub const MAX_SHARES: u32 = 5;
pub const MAX_DURATION: u64 = 1_000;
pub const SETTLEMENT_DELAY: u64 = 5;
pub const DEPOSIT_BASE: Balance = 10;
pub const DEPOSIT_PER_BYTE: Balance = 1;
pub const MIN_RATE: Balance = 2;
pub const MAX_RATE: Balance = 100;
pub const ACCEPTANCE_WINDOW: u64 = 3;
pub const LEAVE_NOTICE: u64 = 20;
pub const DECLINE_COMPENSATION: Balance = 30;
pub const MAX_PROPOSALS: u32 = 3;

parameter_types! {
	/// Active nodes (all stakers with Umbral keys unless listed below).
	pub static Active: Vec<AccountId> = NODES.to_vec();
	/// Stakers that have no Umbral key.
	pub static WithoutUmbralKey: Vec<AccountId> = vec![];
	/// Accounts that are stakers but not active.
	pub static InactiveStakers: Vec<AccountId> = vec![];
	/// Active nodes that chilled or unbonded: they take no new work.
	pub static Leaving: Vec<AccountId> = vec![];
	/// Every missed decision reported to the re-encryption pallet: (node, policy).
	pub static MissedDecisions: Vec<(AccountId, PolicyId)> = vec![];
}

/// Records missed decisions, as the re-encryption pallet strikes them.
pub struct MockLiveness;

impl Liveness<AccountId> for MockLiveness {
	fn missed_decision(node: &AccountId, id: &PolicyId) {
		MissedDecisions::mutate(|missed| missed.push((*node, *id)));
	}
}

pub struct MockStaking;

impl MockStaking {
	fn is_staker(who: &AccountId) -> bool {
		Active::get().contains(who) || InactiveStakers::get().contains(who)
	}
}

impl NodeRegistry<AccountId> for MockStaking {
	type Balance = Balance;

	fn is_active(who: &AccountId) -> bool {
		Active::get().contains(who)
	}

	fn can_serve(who: &AccountId) -> bool {
		Self::is_active(who) && !Leaving::get().contains(who)
	}

	fn stake_of(who: &AccountId) -> Balance {
		if Self::is_staker(who) {
			1_000
		} else {
			0
		}
	}

	fn has_min_stake(who: &AccountId) -> bool {
		Self::is_staker(who)
	}

	fn umbral_key_of(who: &AccountId) -> Option<UmbralPublicKey> {
		(Self::is_staker(who) && !WithoutUmbralKey::get().contains(who))
			.then(|| public_key(&node_secret(*who)))
	}

	fn active_nodes() -> Vec<(AccountId, Balance)> {
		Active::get().into_iter().map(|who| (who, 1_000)).collect()
	}

	fn sample_active_nodes(_: &[u8; 32], _: u32) -> Result<Vec<AccountId>, SampleError> {
		Ok(Active::get())
	}

	fn staker_of_node_key(_: &NodeKey) -> Option<AccountId> {
		None
	}

	fn staker_acting_as(caller: &AccountId) -> Option<AccountId> {
		Self::is_staker(caller).then_some(*caller)
	}
}

impl RewardNode<AccountId> for MockStaking {
	type Balance = Balance;

	fn reward(node: &AccountId, payer: &AccountId, amount: Balance) -> DispatchResult {
		if !Self::is_staker(node) {
			return Err(TokenError::UnknownAsset.into());
		}
		Balances::transfer(payer, node, amount, Preservation::Expendable).map(|_| ())
	}
}

impl pallet_nkms_policy::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Nodes = MockStaking;
	type Rewards = MockStaking;
	type Liveness = MockLiveness;
	type MaxShares = ConstU32<MAX_SHARES>;
	type MaxLabelLen = ConstU32<16>;
	type MaxPolicyDuration = ConstU64<MAX_DURATION>;
	type MaxPoliciesPerNode = ConstU32<4>;
	type MaxPoliciesPerOwner = ConstU32<4>;
	type MaxClaims = ConstU32<4>;
	type MaxProposalsPerNode = ConstU32<MAX_PROPOSALS>;
	type AcceptanceWindow = ConstU64<ACCEPTANCE_WINDOW>;
	type LeaveNotice = ConstU64<LEAVE_NOTICE>;
	type DeclineCompensation = ConstU64<DECLINE_COMPENSATION>;
	type SettlementDelay = ConstU64<SETTLEMENT_DELAY>;
	type DepositBase = ConstU64<DEPOSIT_BASE>;
	type DepositPerByte = ConstU64<DEPOSIT_PER_BYTE>;
	type AdminOrigin = EnsureRoot<AccountId>;
	type WeightInfo = crate::weights::SubstrateWeight<Test>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockStaking;
}

#[cfg(feature = "runtime-benchmarks")]
impl crate::benchmarking::BenchmarkHelper<AccountId> for MockStaking {
	fn make_node(index: u32) -> AccountId {
		let node = 1_000 + AccountId::from(index);
		Active::mutate(|active| active.push(node));
		let _ = Balances::mint_into(&node, ENDOWMENT);
		node
	}

	fn prepare_strike(_: &AccountId) {}
}

/// The Umbral secret key of node `who`.
pub fn node_secret(who: AccountId) -> SecretKey {
	SecretKeyFactory::from_secure_randomness(&[7; 32])
		.expect("a 32-byte seed")
		.make_key(&who.to_le_bytes())
}

/// The public key of `secret` in the chain's bytes.
pub fn public_key(secret: &SecretKey) -> UmbralPublicKey {
	UmbralPublicKey::from_umbral(&secret.public_key()).expect("a point")
}

/// Alice's Umbral work for a policy: keys, and `nodes`' key fragments (threshold `m`)
/// encrypted to their Umbral keys.
pub struct Grant {
	pub umbral_keys: PolicyKeys,
	pub shares: SharesOf<Test>,
}

pub fn grant(m: u8, nodes: &[AccountId]) -> Grant {
	let delegating = SecretKey::random();
	let signing = SecretKey::random();
	let receiving = SecretKey::random();
	let kfrags = umbral_pre::generate_kfrags(
		&delegating,
		&receiving.public_key(),
		&Signer::new(signing.clone()),
		m as usize,
		nodes.len(),
		true,
		true,
	);
	let shares = nodes
		.iter()
		.zip(kfrags.iter())
		.map(|(node, kfrag)| {
			let kfrag_bytes = KeyFragBytes::from_umbral(&kfrag.clone().unverify()).expect("bytes");
			let (capsule, ciphertext) =
				umbral_pre::encrypt(&node_secret(*node).public_key(), kfrag_bytes.as_bytes())
					.expect("encrypts");
			Share {
				node: *node,
				kfrag_id: kfrag_bytes.id().expect("an id"),
				kfrag: EncryptedKeyFrag::from_umbral(&capsule, &ciphertext).expect("fits"),
			}
		})
		.collect::<Vec<_>>();
	Grant {
		umbral_keys: PolicyKeys {
			receiving: public_key(&receiving),
			delegating: public_key(&delegating),
			verifying: public_key(&signing),
		},
		shares: SharesOf::<Test>::truncate_from(shares),
	}
}

/// Accounts 1..=5 and the nodes endowed.
pub fn new_test_ext() -> TestExt {
	Active::set(NODES.to_vec());
	WithoutUmbralKey::take();
	InactiveStakers::take();
	Leaving::take();
	MissedDecisions::take();
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	let balances = (1..=5).chain(NODES).map(|who| (who, ENDOWMENT)).collect();
	pallet_balances::GenesisConfig::<Test> { balances, ..Default::default() }
		.assimilate_storage(&mut storage)
		.unwrap();
	pallet_nkms_policy::GenesisConfig::<Test> { min_fee_rate: MIN_RATE, max_fee_rate: MAX_RATE }
		.assimilate_storage(&mut storage)
		.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	TestExt(ext)
}

/// Test externalities that check the pallet's invariants after each closure they run.
pub struct TestExt(sp_io::TestExternalities);

impl TestExt {
	/// Runs `test`, then asserts that every invariant holds.
	pub fn execute_with<R>(&mut self, test: impl FnOnce() -> R) -> R {
		self.0.execute_with(|| {
			let result = test();
			Policy::do_try_state().expect("the invariants hold after the test");
			result
		})
	}

	/// Runs `test` without the check, for tests that break an invariant on purpose.
	pub fn execute_unchecked<R>(&mut self, test: impl FnOnce() -> R) -> R {
		self.0.execute_with(test)
	}
}

/// Runs `on_idle` with unlimited weight at each block from the next one to `block`.
pub fn run_to(block: u64) {
	use frame_support::traits::Hooks;
	while System::block_number() < block {
		let next = System::block_number() + 1;
		System::set_block_number(next);
		Policy::on_idle(next, frame_support::weights::Weight::MAX);
	}
}

/// The events of this pallet so far.
pub fn policy_events() -> Vec<crate::Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|record| match record.event {
			RuntimeEvent::Policy(event) => Some(event),
			_ => None,
		})
		.collect()
}

/// The id policy `label` of Alice for `grant` gets.
pub fn id_of(grant: &Grant, label: &[u8]) -> PolicyId {
	crate::policy_id(&ALICE, &grant.umbral_keys.receiving, label)
}
