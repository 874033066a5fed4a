//! Configuration of every pallet of the runtime.

use alloc::vec::Vec;
use codec::Encode;
use frame_support::{
	derive_impl,
	dispatch::DispatchClass,
	parameter_types,
	traits::{ConstBool, ConstU32, ConstU64, ConstU8, VariantCountOf},
	weights::{
		constants::{ParityDbWeight, WEIGHT_REF_TIME_PER_SECOND},
		ConstantMultiplier, IdentityFee, Weight,
	},
};
use frame_system::{
	limits::{BlockLength, BlockWeights},
	offchain::AppCrypto,
	EnsureRoot,
};
use nkms_primitives::{
	policy::NodeDecision, staking::NodeKeyOwner, NodeKey, UmbralPublicKey, UmbralSignature,
	NODE_KEY_TYPE,
};
use pallet_transaction_payment::{FungibleAdapter, Multiplier, TargetedFeeAdjustment};
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_runtime::{
	generic::Era,
	traits::{Bounded, Convert, ConvertInto, OpaqueKeys, Verify},
	FixedPointNumber, Perbill, Perquintill,
};
use sp_staking::SessionIndex;
use sp_version::RuntimeVersion;

use super::{
	AccountId, Address, Aura, Balance, Balances, Block, BlockNumber, Hash, Historical, Nonce,
	Offences, PalletInfo, Policy, Reencryption, Runtime, RuntimeCall, RuntimeEvent,
	RuntimeFreezeReason, RuntimeHoldReason, RuntimeOrigin, RuntimeTask, Session, SessionKeys,
	Signature, SignedPayload, Staking, System, TxExtension, UncheckedExtrinsic, DAYS,
	EXISTENTIAL_DEPOSIT, HOURS, MICRO_UNIT, MILLI_UNIT, MINUTES, MIN_SESSION_LENGTH, MIN_STAKE,
	SLOT_DURATION, SS58_PREFIX, UNBONDING_PERIOD, UNIT, VERSION,
};

/// Share of a block's weight and length that ordinary transactions may use; the rest is kept
/// for operational ones.
const NORMAL_DISPATCH_RATIO: Perbill = Perbill::from_percent(75);

/// Largest block, in bytes.
const MAX_BLOCK_LENGTH: u32 = 5 * 1024 * 1024;

/// Most authorities Aura and GRANDPA accept.
pub type MaxAuthorities = ConstU32<100>;

parameter_types! {
	pub const BlockHashCount: BlockNumber = 2400;
	pub const Version: RuntimeVersion = VERSION;
	/// Two seconds of computation in each six-second block.
	pub RuntimeBlockWeights: BlockWeights = BlockWeights::with_sensible_defaults(
		Weight::from_parts(2u64 * WEIGHT_REF_TIME_PER_SECOND, u64::MAX),
		NORMAL_DISPATCH_RATIO,
	);
	/// Blocks of at most 5 MiB, of which ordinary transactions may fill `NORMAL_DISPATCH_RATIO`.
	pub RuntimeBlockLength: BlockLength = BlockLength::builder()
		.max_length(MAX_BLOCK_LENGTH)
		.modify_max_length_for_class(DispatchClass::Normal, |max| {
			*max = NORMAL_DISPATCH_RATIO * MAX_BLOCK_LENGTH
		})
		.build();
	pub const SS58Prefix: u16 = SS58_PREFIX;
}

#[derive_impl(frame_system::config_preludes::SolochainDefaultConfig)]
impl frame_system::Config for Runtime {
	type Block = Block;
	type BlockWeights = RuntimeBlockWeights;
	type BlockLength = RuntimeBlockLength;
	type AccountId = AccountId;
	type Nonce = Nonce;
	type Hash = Hash;
	type BlockHashCount = BlockHashCount;
	/// Nodes store state in ParityDB.
	type DbWeight = ParityDbWeight;
	type Version = Version;
	type AccountData = pallet_balances::AccountData<Balance>;
	type SS58Prefix = SS58Prefix;
	type MaxConsumers = ConstU32<16>;
}

impl pallet_timestamp::Config for Runtime {
	/// Milliseconds since the Unix epoch.
	type Moment = u64;
	type OnTimestampSet = Aura;
	type MinimumPeriod = ConstU64<{ SLOT_DURATION / 2 }>;
	type WeightInfo = ();
}

impl pallet_aura::Config for Runtime {
	type AuthorityId = AuraId;
	type DisabledValidators = Session;
	type MaxAuthorities = MaxAuthorities;
	type AllowMultipleBlocksPerSlot = ConstBool<false>;
	type SlotDuration = pallet_aura::MinimumPeriodTimesTwo<Runtime>;
}

impl pallet_grandpa::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = GrandpaWeights;
	type MaxAuthorities = MaxAuthorities;
	type MaxNominators = ConstU32<0>;
	/// GRANDPA set ids are mapped to sessions as long as a report can be made.
	type MaxSetIdSessionEntries = ConstU64<{ HISTORY_DEPTH as u64 }>;
	type KeyOwnerProof = sp_session::MembershipProof;
	/// Equivocations are reported as unsigned transactions, judged by pallet-offences and slashed
	/// by Staking; the block author is the reporter.
	type EquivocationReportSystem =
		pallet_grandpa::EquivocationReportSystem<Self, Offences, Historical, ReportLongevity>;
}

/// GRANDPA's own weights, plus Staking's measured handling of every offender a report can
/// reach (pallet-offences passes earlier offenders of the same round along; there are at most as
/// many as validators).
pub struct GrandpaWeights;

impl pallet_grandpa::WeightInfo for GrandpaWeights {
	fn report_equivocation(validator_count: u32, max_nominators_per_validator: u32) -> Weight {
		<() as pallet_grandpa::WeightInfo>::report_equivocation(
			validator_count,
			max_nominators_per_validator,
		)
		.saturating_add(Staking::offender_weight().saturating_mul(validator_count.into()))
	}

	fn note_stalled() -> Weight {
		<() as pallet_grandpa::WeightInfo>::note_stalled()
	}
}

impl pallet_authorship::Config for Runtime {
	type FindAuthor = pallet_session::FindAccountFromAuthorIndex<Self, Aura>;
	type EventHandler = ();
}

parameter_types! {
	/// An equivocation can be reported while the equivocator's stake is still held.
	pub const ReportLongevity: u64 = UNBONDING_PERIOD as u64;
	/// Held from an account while it has session keys.
	pub const SessionKeyDeposit: Balance = UNIT;
}

impl pallet_session::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type ValidatorId = AccountId;
	type ValidatorIdOf = ConvertInto;
	type ShouldEndSession = Sessions;
	type NextSessionRotation = Sessions;
	type SessionManager = ElectAndKeepHistory;
	type SessionHandler = <SessionKeys as OpaqueKeys>::KeyTypeIdProviders;
	type Keys = SessionKeys;
	type DisablingStrategy = pallet_session::disabling::UpToLimitWithReEnablingDisablingStrategy;
	type WeightInfo = pallet_session::weights::SubstrateWeight<Runtime>;
	type Currency = Balances;
	type KeyDeposit = SessionKeyDeposit;
}

/// Sessions of [`pallet_nkms_staking::SessionLength`] blocks (genesis sets it).
pub type Sessions =
	pallet_session::PeriodicSessions<pallet_nkms_staking::SessionLengthOf<Runtime>, ConstU32<0>>;

/// Sessions of GRANDPA key-ownership history kept: as many as GRANDPA maps set ids for. Staking
/// keeps its offence records as long.
pub const HISTORY_DEPTH: SessionIndex = (UNBONDING_PERIOD / MIN_SESSION_LENGTH) as SessionIndex;

/// pallet-session's manager: Staking elects (and prunes its offence records older than
/// [`HISTORY_DEPTH`] sessions), the historical module notes each session's validators for
/// equivocation proofs, and notes older than [`HISTORY_DEPTH`] sessions are pruned.
pub struct ElectAndKeepHistory;

type NoteHistoricalRoot = pallet_session::historical::NoteHistoricalRoot<Runtime, Staking>;

impl pallet_session::SessionManager<AccountId> for ElectAndKeepHistory {
	fn new_session(index: SessionIndex) -> Option<Vec<AccountId>> {
		if let Some(up_to) = index.checked_sub(HISTORY_DEPTH) {
			Historical::prune_up_to(up_to);
		}
		NoteHistoricalRoot::new_session(index)
	}

	fn new_session_genesis(index: SessionIndex) -> Option<Vec<AccountId>> {
		NoteHistoricalRoot::new_session_genesis(index)
	}

	fn start_session(index: SessionIndex) {
		NoteHistoricalRoot::start_session(index)
	}

	fn end_session(index: SessionIndex) {
		NoteHistoricalRoot::end_session(index)
	}
}

impl pallet_session::historical::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type FullIdentification = ();
	type FullIdentificationOf = pallet_nkms_staking::StakerIdentification<Runtime>;
}

impl pallet_offences::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type IdentificationTuple = pallet_session::historical::IdentificationTuple<Self>;
	type OnOffenceHandler = Staking;
}

parameter_types! {
	pub const MinStake: Balance = MIN_STAKE;
	pub const UnbondingPeriod: BlockNumber = UNBONDING_PERIOD;
	/// A reporter gets a tenth of what its report slashes.
	pub const SlashRewardFraction: Perbill = Perbill::from_percent(10);
}

impl pallet_nkms_staking::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type MinStake = MinStake;
	type UnbondingPeriod = UnbondingPeriod;
	type MaxUnlockingChunks = ConstU32<32>;
	type MaxCandidates = ConstU32<256>;
	type MaxValidators = MaxAuthorities;
	type MaxSlashRecords = ConstU32<16>;
	type RewardFraction = SlashRewardFraction;
	type HistoryDepth = ConstU32<HISTORY_DEPTH>;
	type DefaultSessionLength = ConstU32<HOURS>;
	/// Slashed stake is burned.
	type SlashDestination = ();
	type AdminOrigin = EnsureRoot<AccountId>;
	type SessionKeys = Session;
	type NodeKeyOwner = NodeKeysOfSession;
	type ValidatorDisabling = Session;
	/// A node with fragments of live policies keeps the minimum stake.
	type PolicyObligations = Policy;
	type WeightInfo = pallet_nkms_staking::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = crate::benchmarks::StakingHelper;
}

parameter_types! {
	/// A policy's storage deposit: a tenth of an NKMS, and a thousandth per byte (with the
	/// decline compensations, a 2-of-3 policy holds about 3.0 NKMS, one of 32 nodes about 28).
	pub const PolicyDepositBase: Balance = 100 * MILLI_UNIT;
	pub const PolicyDepositPerByte: Balance = MILLI_UNIT;
}

parameter_types! {
	/// What a node that declines a policy is paid from the owner's deposit for checking its
	/// key fragment (at most its share of the escrow): a hundredth of an NKMS.
	pub const DeclineCompensation: Balance = 10 * MILLI_UNIT;
}

impl pallet_nkms_policy::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Nodes = Staking;
	type Rewards = Staking;
	/// Silence on a proposed arrangement is struck like silence on a request.
	type Liveness = Reencryption;
	type MaxShares = ConstU32<32>;
	type MaxLabelLen = ConstU32<128>;
	type MaxPolicyDuration = ConstU32<{ 365 * DAYS }>;
	type MaxPoliciesPerNode = ConstU32<256>;
	type MaxPoliciesPerOwner = ConstU32<256>;
	type MaxClaims = ConstU32<32>;
	/// A node's worker decides on all of them in each block.
	type MaxProposalsPerNode = ConstU32<16>;
	/// One minute to accept or decline.
	type AcceptanceWindow = ConstU32<ACCEPTANCE_WINDOW>;
	/// A node that leaves serves one hour more.
	type LeaveNotice = ConstU32<HOURS>;
	type DeclineCompensation = DeclineCompensation;
	/// Two minutes: fees of a block are paid, and an ended policy settled, once the misses of
	/// its requests are reported.
	type SettlementDelay = ConstU32<SETTLEMENT_DELAY>;
	type DepositBase = PolicyDepositBase;
	type DepositPerByte = PolicyDepositPerByte;
	type AdminOrigin = EnsureRoot<AccountId>;
	type WeightInfo = pallet_nkms_policy::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = crate::benchmarks::PolicyHelper;
}

/// Blocks a node has to answer a re-encryption request: one minute.
pub const RESPONSE_WINDOW: BlockNumber = MINUTES;
/// Blocks the nodes of a new policy have to accept or decline it: one minute.
pub const ACCEPTANCE_WINDOW: BlockNumber = MINUTES;
/// Blocks after a block before its policy fees are paid.
pub const SETTLEMENT_DELAY: BlockNumber = 2 * MINUTES;
// Every miss is reported to the policy pallet before the fees of its blocks are paid.
const _: () = assert!(RESPONSE_WINDOW <= SETTLEMENT_DELAY);

parameter_types! {
	/// A re-encryption request's deposit, returned when the request and its fragments are
	/// removed: a hundredth of an NKMS, and a ten-thousandth per byte of the request and the
	/// `m` answers it takes (about 1.5 NKMS for 10 capsules to a 2-of-3 policy).
	pub const RequestDepositBase: Balance = 10 * MILLI_UNIT;
	pub const RequestDepositPerByte: Balance = 100 * MICRO_UNIT;
	/// A wrong capsule fragment costs a tenth of the node's held stake.
	pub const WrongFragmentSlash: Perbill = Perbill::from_percent(10);
	/// Three requests left unanswered within an hour cost a hundredth.
	pub const LivenessSlash: Perbill = Perbill::from_percent(1);
}

impl pallet_nkms_reencryption::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Policies = Policy;
	type Nodes = Staking;
	type Slashing = Staking;
	type MaxCapsulesPerRequest = ConstU32<16>;
	type MaxShares = <Runtime as pallet_nkms_policy::Config>::MaxShares;
	type MaxRequestsPerBlock = ConstU32<64>;
	type ResponseWindow = ConstU32<RESPONSE_WINDOW>;
	/// Ten minutes for Bob to read the fragments.
	type RetentionPeriod = ConstU32<{ 10 * MINUTES }>;
	type StrikeLimit = ConstU32<3>;
	type StrikeWindow = ConstU32<HOURS>;
	type LivenessSlash = LivenessSlash;
	type WrongFragmentSlash = WrongFragmentSlash;
	type DepositBase = RequestDepositBase;
	type DepositPerByte = RequestDepositPerByte;
	type AuthorityId = NodeAuthority;
	type RegisterUmbralKey = SetUmbralKeyWithStaking;
	type PolicyCalls = DecideWithPolicy;
	type WeightInfo = pallet_nkms_reencryption::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = crate::benchmarks::ReencryptionHelper;
}

/// Owners of `nkms` session keys, from pallet-session.
pub struct NodeKeysOfSession;

impl NodeKeyOwner<AccountId> for NodeKeysOfSession {
	fn owner_of(node_key: &[u8]) -> Option<AccountId> {
		Session::key_owner(NODE_KEY_TYPE, node_key)
	}

	fn node_account_of(owner: &AccountId) -> Option<AccountId> {
		let key = Session::load_keys(owner)?.nkms;
		Some(sp_core::sr25519::Public::from(key).into())
	}
}

impl<C> frame_system::offchain::CreateTransactionBase<C> for Runtime
where
	RuntimeCall: From<C>,
{
	type Extrinsic = UncheckedExtrinsic;
	type RuntimeCall = RuntimeCall;
}

/// Unsigned transactions (GRANDPA equivocation reports).
impl<C> frame_system::offchain::CreateBare<C> for Runtime
where
	RuntimeCall: From<C>,
{
	fn create_bare(call: RuntimeCall) -> UncheckedExtrinsic {
		UncheckedExtrinsic::new_bare(call)
	}
}

impl frame_system::offchain::SigningTypes for Runtime {
	type Public = <Signature as Verify>::Signer;
	type Signature = Signature;
}

/// Blocks a transaction of an off-chain worker stays valid: it is sent again after
/// `RESEND_AFTER` blocks, when the first can no longer land.
pub const OFFCHAIN_TX_PERIOD: u64 = 4;
const _: () =
	assert!(OFFCHAIN_TX_PERIOD <= pallet_nkms_reencryption::offchain::RESEND_AFTER as u64);

/// Signed (v4) transactions of the nodes' off-chain workers, by their `nkms` keys: mortal for
/// `OFFCHAIN_TX_PERIOD` blocks from the block the worker ran on, without tip.
impl<C> frame_system::offchain::CreateSignedTransaction<C> for Runtime
where
	RuntimeCall: From<C>,
{
	fn create_signed_transaction<A: AppCrypto<Self::Public, Self::Signature>>(
		call: RuntimeCall,
		public: Self::Public,
		account: AccountId,
		nonce: Nonce,
	) -> Option<UncheckedExtrinsic> {
		let tx_ext = offchain_tx_extension(nonce);
		let payload = SignedPayload::new(call, tx_ext).ok()?;
		let signature = payload.using_encoded(|bytes| A::sign(bytes, public))?;
		let (call, tx_ext, _) = payload.deconstruct();
		Some(UncheckedExtrinsic::new_signed(call, Address::Id(account), signature, tx_ext))
	}
}

/// The extensions of the off-chain workers' transactions: mortal for `OFFCHAIN_TX_PERIOD`
/// blocks from the block the worker ran on, without tip, with `nonce` (which only signed
/// transactions use).
fn offchain_tx_extension(nonce: Nonce) -> TxExtension {
	// The worker runs on block `n`, whose hash the chain knows from block `n + 1` on.
	let born = u64::from(System::block_number()).saturating_sub(1);
	(
		frame_system::AuthorizeCall::<Runtime>::new(),
		frame_system::CheckNonZeroSender::<Runtime>::new(),
		frame_system::CheckSpecVersion::<Runtime>::new(),
		frame_system::CheckTxVersion::<Runtime>::new(),
		frame_system::CheckGenesis::<Runtime>::new(),
		frame_system::CheckEra::<Runtime>::from(Era::mortal(OFFCHAIN_TX_PERIOD, born)),
		frame_system::CheckNonce::<Runtime>::from(nonce),
		frame_system::CheckWeight::<Runtime>::new(),
		pallet_transaction_payment::ChargeTransactionPayment::<Runtime>::from(0).into(),
		frame_metadata_hash_extension::CheckMetadataHash::<Runtime>::new(false),
		frame_system::WeightReclaim::<Runtime>::new(),
	)
}

/// General transactions of the off-chain workers (the nodes' answers).
impl<C> frame_system::offchain::CreateTransaction<C> for Runtime
where
	RuntimeCall: From<C>,
{
	type Extension = TxExtension;

	fn create_transaction(call: RuntimeCall, extension: TxExtension) -> UncheckedExtrinsic {
		UncheckedExtrinsic::new_transaction(call, extension)
	}
}

/// The nodes' answers, authorized by their `nkms` keys' signatures inside the call: the
/// extensions are not signed, so the nonce is a placeholder and the era only caps the
/// answer's life in the pool (the signed answer bounds it itself).
impl<C> frame_system::offchain::CreateAuthorizedTransaction<C> for Runtime
where
	RuntimeCall: From<C>,
{
	fn create_extension() -> TxExtension {
		offchain_tx_extension(0)
	}
}

/// The `nkms` session key as the off-chain workers' signer: sr25519, whose public key is the
/// account.
pub struct NodeAuthority;

impl AppCrypto<<Signature as Verify>::Signer, Signature> for NodeAuthority {
	type RuntimeAppPublic = NodeKey;
	type GenericPublic = sp_core::sr25519::Public;
	type GenericSignature = sp_core::sr25519::Signature;
}

/// The off-chain workers register their nodes' Umbral keys with the staking pallet.
pub struct SetUmbralKeyWithStaking;

impl Convert<(UmbralPublicKey, UmbralSignature), RuntimeCall> for SetUmbralKeyWithStaking {
	fn convert((key, proof): (UmbralPublicKey, UmbralSignature)) -> RuntimeCall {
		pallet_nkms_staking::Call::set_umbral_key { key, proof }.into()
	}
}

/// The off-chain workers' decisions on their nodes' arrangements go to the policy pallet.
pub struct DecideWithPolicy;

impl Convert<NodeDecision, RuntimeCall> for DecideWithPolicy {
	fn convert(decision: NodeDecision) -> RuntimeCall {
		match decision {
			NodeDecision::Accept { policy, digest } => {
				pallet_nkms_policy::Call::accept_arrangement { id: policy, digest }.into()
			},
			NodeDecision::Decline { policy, digest, fault } => {
				pallet_nkms_policy::Call::decline_arrangement { id: policy, digest, fault }.into()
			},
			NodeDecision::Leave { policy, fault } => {
				pallet_nkms_policy::Call::leave_policy { id: policy, fault: Some(fault) }.into()
			},
		}
	}
}

impl pallet_skip_feeless_payment::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
}

impl pallet_balances::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeHoldReason = RuntimeHoldReason;
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type WeightInfo = pallet_balances::weights::SubstrateWeight<Runtime>;
	type Balance = Balance;
	type DustRemoval = ();
	type ExistentialDeposit = frame_support::traits::ConstU128<EXISTENTIAL_DEPOSIT>;
	type AccountStore = System;
	type ReserveIdentifier = [u8; 8];
	type FreezeIdentifier = RuntimeFreezeReason;
	type MaxLocks = ConstU32<50>;
	type MaxReserves = ConstU32<50>;
	type MaxFreezes = VariantCountOf<RuntimeFreezeReason>;
	type DoneSlashHandler = ();
}

parameter_types! {
	/// Each byte of a transaction costs ten micro-NKMS.
	pub const TransactionByteFee: Balance = 10 * MICRO_UNIT;
	/// Fees rise when blocks are fuller than this, and fall when they are emptier.
	pub const TargetBlockFullness: Perquintill = Perquintill::from_percent(25);
	pub AdjustmentVariable: Multiplier = Multiplier::saturating_from_rational(75, 1_000_000);
	pub MinimumMultiplier: Multiplier = Multiplier::saturating_from_rational(1, 10u128);
	pub MaximumMultiplier: Multiplier = Bounded::max_value();
}

impl pallet_transaction_payment::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	/// Fees are withdrawn from the sender and burned.
	type OnChargeTransaction = FungibleAdapter<Balances, ()>;
	/// One planck per picosecond of reference execution time.
	type WeightToFee = IdentityFee<Balance>;
	type LengthToFee = ConstantMultiplier<Balance, TransactionByteFee>;
	type FeeMultiplierUpdate = TargetedFeeAdjustment<
		Self,
		TargetBlockFullness,
		AdjustmentVariable,
		MinimumMultiplier,
		MaximumMultiplier,
	>;
	type OperationalFeeMultiplier = ConstU8<5>;
	type WeightInfo = pallet_transaction_payment::weights::SubstrateWeight<Runtime>;
}

impl pallet_sudo::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type WeightInfo = pallet_sudo::weights::SubstrateWeight<Runtime>;
}
