//! The nodes' protocol duties in the transaction pool: their answers, their decisions on
//! arrangements and their Umbral key registrations.
//!
//! [`DutiesFirst`] wraps the fee payment (`SkipCheckIfFeeless` around
//! `ChargeTransactionPayment`) and encodes exactly as it does (same identifier, same `tip`), so
//! wallets and polkadot.js see no difference. It adds three things:
//!
//! - **Duties come first.** A transaction that is feeless (an awaited answer, a valid decision,
//!   a node's first key change of the session) gets the highest priority, which no tip
//!   reaches: paid transactions, however many, cannot keep an answer out of a block.
//! - **A duty that would fail is not a transaction at all.** `submit_cfrags`,
//!   `accept_arrangement`, `decline_arrangement` and `leave_policy` are valid only when they
//!   are feeless, that is when they will be dispatched successfully but for the verification
//!   of fragments. Anything else (a non-node, a second attempt, a request or policy that ended
//!   in between, an answer made on another fork) is refused by the pool and by block import:
//!   nobody pays a fee for it and it takes no block space.
//! - **The checks are paid for.** The weight of deciding whether a duty is feeless (measured by
//!   each pallet's `check_*` benchmark) is added to the transaction's weight.

use codec::{Decode, DecodeWithMemTracking, Encode};
use frame_support::{
	dispatch::DispatchResult, pallet_prelude::TransactionSource, traits::Get, weights::Weight,
};
use pallet_skip_feeless_payment::{Intermediate, SkipCheckIfFeeless};
use pallet_transaction_payment::ChargeTransactionPayment;
use scale_info::TypeInfo;
use sp_runtime::{
	traits::{
		DispatchInfoOf, DispatchOriginOf, Implication, PostDispatchInfoOf, TransactionExtension,
		TransactionExtensionMetadata, ValidateResult,
	},
	transaction_validity::{InvalidTransaction, TransactionPriority, TransactionValidityError},
};

use super::{Runtime, RuntimeCall};

/// The fee payment of a transaction, feeless duties first.
pub type Payment = SkipCheckIfFeeless<Runtime, ChargeTransactionPayment<Runtime>>;

/// See the module documentation.
#[derive(Clone, Eq, PartialEq, Encode, Decode, DecodeWithMemTracking)]
pub struct DutiesFirst(pub Payment);

impl From<ChargeTransactionPayment<Runtime>> for DutiesFirst {
	fn from(payment: ChargeTransactionPayment<Runtime>) -> Self {
		Self(payment.into())
	}
}

impl TypeInfo for DutiesFirst {
	type Identity = <Payment as TypeInfo>::Identity;
	fn type_info() -> scale_info::Type {
		<Payment as TypeInfo>::type_info()
	}
}

impl core::fmt::Debug for DutiesFirst {
	fn fmt(&self, f: &mut core::fmt::Formatter) -> core::fmt::Result {
		self.0.fmt(f)
	}
}

/// What a call is to the pool.
enum Duty {
	/// A node's duty, valid only when feeless; its check weighs this much.
	Only(Weight),
	/// A call that is feeless in some cases (its check weighs this much) and paid in others.
	Sometimes(Weight),
	/// Any other call.
	None,
}

fn duty(call: &RuntimeCall) -> Duty {
	use pallet_nkms_policy::{Call as PolicyCall, WeightInfo as _};
	use pallet_nkms_reencryption::{Call as ReencryptionCall, WeightInfo as _};
	use pallet_nkms_staking::{Call as StakingCall, WeightInfo as _};
	type PolicyWeights = <Runtime as pallet_nkms_policy::Config>::WeightInfo;
	type ReencryptionWeights = <Runtime as pallet_nkms_reencryption::Config>::WeightInfo;
	type StakingWeights = <Runtime as pallet_nkms_staking::Config>::WeightInfo;
	let shares = <Runtime as pallet_nkms_policy::Config>::MaxShares::get();
	match call {
		RuntimeCall::Reencryption(ReencryptionCall::submit_cfrags { cfrags, .. }) => {
			Duty::Only(ReencryptionWeights::check_answer(cfrags.len() as u32))
		},
		RuntimeCall::Policy(
			PolicyCall::accept_arrangement { .. }
			| PolicyCall::decline_arrangement { .. }
			| PolicyCall::leave_policy { .. },
		) => Duty::Only(PolicyWeights::check_decision(shares)),
		RuntimeCall::Staking(StakingCall::set_umbral_key { .. }) => {
			Duty::Sometimes(StakingWeights::check_key_change())
		},
		_ => Duty::None,
	}
}

impl TransactionExtension<RuntimeCall> for DutiesFirst {
	const IDENTIFIER: &'static str = <Payment as TransactionExtension<RuntimeCall>>::IDENTIFIER;
	type Implicit = <Payment as TransactionExtension<RuntimeCall>>::Implicit;
	type Val = <Payment as TransactionExtension<RuntimeCall>>::Val;
	type Pre = <Payment as TransactionExtension<RuntimeCall>>::Pre;

	fn metadata() -> alloc::vec::Vec<TransactionExtensionMetadata> {
		<Payment as TransactionExtension<RuntimeCall>>::metadata()
	}

	fn implicit(&self) -> Result<Self::Implicit, TransactionValidityError> {
		self.0.implicit()
	}

	fn weight(&self, call: &RuntimeCall) -> Weight {
		let check = match duty(call) {
			Duty::Only(weight) | Duty::Sometimes(weight) => weight,
			Duty::None => Weight::zero(),
		};
		self.0.weight(call).saturating_add(check)
	}

	fn validate(
		&self,
		origin: DispatchOriginOf<RuntimeCall>,
		call: &RuntimeCall,
		info: &DispatchInfoOf<RuntimeCall>,
		len: usize,
		self_implicit: Self::Implicit,
		inherited_implication: &impl Implication,
		source: TransactionSource,
	) -> ValidateResult<Self::Val, RuntimeCall> {
		let (mut validity, val, origin) = self.0.validate(
			origin,
			call,
			info,
			len,
			self_implicit,
			inherited_implication,
			source,
		)?;
		match (&val, duty(call)) {
			(Intermediate::Skip(_), _) => validity.priority = TransactionPriority::MAX,
			(Intermediate::Apply(_), Duty::Only(_)) => {
				return Err(InvalidTransaction::Call.into());
			},
			_ => {},
		}
		Ok((validity, val, origin))
	}

	fn prepare(
		self,
		val: Self::Val,
		origin: &DispatchOriginOf<RuntimeCall>,
		call: &RuntimeCall,
		info: &DispatchInfoOf<RuntimeCall>,
		len: usize,
	) -> Result<Self::Pre, TransactionValidityError> {
		self.0.prepare(val, origin, call, info, len)
	}

	fn post_dispatch_details(
		pre: Self::Pre,
		info: &DispatchInfoOf<RuntimeCall>,
		post_info: &PostDispatchInfoOf<RuntimeCall>,
		len: usize,
		result: &DispatchResult,
	) -> Result<Weight, TransactionValidityError> {
		<Payment as TransactionExtension<RuntimeCall>>::post_dispatch_details(
			pre, info, post_info, len, result,
		)
	}
}
