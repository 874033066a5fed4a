//! The runtime APIs the node and clients call.

use alloc::vec::Vec;
use codec::Encode;
use frame_support::traits::KeyOwnerProofSystem;
use frame_support::{
	genesis_builder_helper::{build_state, get_preset},
	weights::Weight,
};
use nkms_primitives::{
	policy::PolicyId,
	staking::{NodeRegistry, SampleError},
	NodeKey, UmbralPublicKey,
};
use pallet_grandpa::AuthorityId as GrandpaId;
use pallet_nkms_policy::runtime_api::{FeeQuote, PolicyView};
use pallet_nkms_reencryption::{runtime_api::RequestView, RequestId};
use sp_api::impl_runtime_apis;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_core::{crypto::KeyTypeId, OpaqueMetadata};
use sp_runtime::{
	traits::{Block as BlockT, NumberFor},
	transaction_validity::{TransactionSource, TransactionValidity},
	ApplyExtrinsicResult,
};
use sp_version::RuntimeVersion;

use super::{
	genesis_config_presets, AccountId, Aura, Balance, Block, BlockNumber, Executive, Grandpa,
	Historical, InherentDataExt, Nonce, Policy, Reencryption, Runtime, RuntimeCall,
	RuntimeGenesisConfig, SessionKeys, Staking, System, TransactionPayment, VERSION,
};

impl_runtime_apis! {
	impl sp_api::Core<Block> for Runtime {
		fn version() -> RuntimeVersion {
			VERSION
		}

		fn execute_block(block: <Block as BlockT>::LazyBlock) {
			Executive::execute_block(block);
		}

		fn initialize_block(header: &<Block as BlockT>::Header) -> sp_runtime::ExtrinsicInclusionMode {
			Executive::initialize_block(header)
		}
	}

	impl sp_api::Metadata<Block> for Runtime {
		fn metadata() -> OpaqueMetadata {
			OpaqueMetadata::new(Runtime::metadata().into())
		}

		fn metadata_at_version(version: u32) -> Option<OpaqueMetadata> {
			Runtime::metadata_at_version(version)
		}

		fn metadata_versions() -> Vec<u32> {
			Runtime::metadata_versions()
		}
	}

	impl sp_block_builder::BlockBuilder<Block> for Runtime {
		fn apply_extrinsic(extrinsic: <Block as BlockT>::Extrinsic) -> ApplyExtrinsicResult {
			Executive::apply_extrinsic(extrinsic)
		}

		fn finalize_block() -> <Block as BlockT>::Header {
			Executive::finalize_block()
		}

		fn inherent_extrinsics(data: sp_inherents::InherentData) -> Vec<<Block as BlockT>::Extrinsic> {
			data.create_extrinsics()
		}

		fn check_inherents(
			block: <Block as BlockT>::LazyBlock,
			data: sp_inherents::InherentData,
		) -> sp_inherents::CheckInherentsResult {
			data.check_extrinsics(&block)
		}
	}

	impl sp_transaction_pool::runtime_api::TaggedTransactionQueue<Block> for Runtime {
		fn validate_transaction(
			source: TransactionSource,
			tx: <Block as BlockT>::Extrinsic,
			block_hash: <Block as BlockT>::Hash,
		) -> TransactionValidity {
			Executive::validate_transaction(source, tx, block_hash)
		}
	}

	impl sp_offchain::OffchainWorkerApi<Block> for Runtime {
		fn offchain_worker(header: &<Block as BlockT>::Header) {
			Executive::offchain_worker(header)
		}
	}

	impl sp_consensus_aura::AuraApi<Block, AuraId> for Runtime {
		fn slot_duration() -> sp_consensus_aura::SlotDuration {
			sp_consensus_aura::SlotDuration::from_millis(Aura::slot_duration())
		}

		fn authorities() -> Vec<AuraId> {
			pallet_aura::Authorities::<Runtime>::get().into_inner()
		}
	}

	impl sp_session::SessionKeys<Block> for Runtime {
		fn generate_session_keys(
			owner: Vec<u8>,
			seed: Option<Vec<u8>>,
		) -> sp_session::OpaqueGeneratedSessionKeys {
			SessionKeys::generate(&owner, seed).into()
		}

		fn decode_session_keys(encoded: Vec<u8>) -> Option<Vec<(Vec<u8>, KeyTypeId)>> {
			SessionKeys::decode_into_raw_public_keys(&encoded)
		}
	}

	impl sp_consensus_grandpa::GrandpaApi<Block> for Runtime {
		fn grandpa_authorities() -> sp_consensus_grandpa::AuthorityList {
			Grandpa::grandpa_authorities()
		}

		fn current_set_id() -> sp_consensus_grandpa::SetId {
			Grandpa::current_set_id()
		}

		fn submit_report_equivocation_unsigned_extrinsic(
			equivocation_proof: sp_consensus_grandpa::EquivocationProof<
				<Block as BlockT>::Hash,
				NumberFor<Block>,
			>,
			key_owner_proof: sp_consensus_grandpa::OpaqueKeyOwnershipProof,
		) -> Option<()> {
			let key_owner_proof = key_owner_proof.decode()?;
			Grandpa::submit_unsigned_equivocation_report(equivocation_proof, key_owner_proof)
		}

		fn generate_key_ownership_proof(
			_set_id: sp_consensus_grandpa::SetId,
			authority_id: GrandpaId,
		) -> Option<sp_consensus_grandpa::OpaqueKeyOwnershipProof> {
			Historical::prove((sp_consensus_grandpa::KEY_TYPE, authority_id))
				.map(|proof| proof.encode())
				.map(sp_consensus_grandpa::OpaqueKeyOwnershipProof::new)
		}
	}

	impl pallet_nkms_staking::runtime_api::NkmsStakingApi<Block, AccountId, Balance> for Runtime {
		fn is_active(who: AccountId) -> bool {
			<Staking as NodeRegistry<AccountId>>::is_active(&who)
		}

		fn stake(who: AccountId) -> Balance {
			<Staking as NodeRegistry<AccountId>>::stake_of(&who)
		}

		fn umbral_key(who: AccountId) -> Option<UmbralPublicKey> {
			<Staking as NodeRegistry<AccountId>>::umbral_key_of(&who)
		}

		fn active_nodes() -> Vec<(AccountId, Balance)> {
			<Staking as NodeRegistry<AccountId>>::active_nodes()
		}

		fn sample_nodes(seed: [u8; 32], n: u32) -> Result<Vec<AccountId>, SampleError> {
			<Staking as NodeRegistry<AccountId>>::sample_active_nodes(&seed, n)
		}

		fn staker_of_node_key(key: NodeKey) -> Option<AccountId> {
			<Staking as NodeRegistry<AccountId>>::staker_of_node_key(&key)
		}
	}

	impl pallet_nkms_policy::runtime_api::NkmsPolicyApi<Block, AccountId, Balance, BlockNumber>
		for Runtime
	{
		fn policy(id: PolicyId) -> Option<PolicyView<AccountId, Balance, BlockNumber>> {
			Policy::policy_view(id)
		}

		fn node_policies(node: AccountId) -> Vec<PolicyId> {
			pallet_nkms_policy::NodePolicies::<Runtime>::get(node)
				.into_iter()
				.map(|(id, _)| id)
				.collect()
		}

		fn owner_policies(owner: AccountId) -> Vec<PolicyId> {
			pallet_nkms_policy::OwnerPolicies::<Runtime>::get(owner).into_inner()
		}

		fn policy_id(owner: AccountId, receiving_key: UmbralPublicKey, label: Vec<u8>) -> PolicyId {
			nkms_primitives::policy::policy_id(&owner, &receiving_key, &label)
		}

		fn quote(
			shares: u32,
			rate: Balance,
			expiry: BlockNumber,
			label_len: u32,
			with_requester: bool,
		) -> Option<FeeQuote<Balance>> {
			Policy::quote(shares, rate, expiry, label_len, with_requester)
		}
	}

	impl pallet_nkms_reencryption::runtime_api::NkmsReencryptionApi<Block, AccountId, Balance, BlockNumber>
		for Runtime
	{
		fn request(id: RequestId) -> Option<RequestView<AccountId, Balance, BlockNumber>> {
			Reencryption::request_view(id)
		}

		fn policy_requests(policy: PolicyId) -> Vec<RequestId> {
			Reencryption::policy_request_ids(policy)
		}

		fn node_requests(node: AccountId) -> Vec<RequestId> {
			Reencryption::node_request_ids(&node)
		}

		fn request_deposit(policy: PolicyId, capsules: u32) -> Option<Balance> {
			Reencryption::request_deposit(policy, capsules)
		}
	}

	impl frame_system_rpc_runtime_api::AccountNonceApi<Block, AccountId, Nonce> for Runtime {
		fn account_nonce(account: AccountId) -> Nonce {
			System::account_nonce(account)
		}
	}

	impl pallet_transaction_payment_rpc_runtime_api::TransactionPaymentApi<Block, Balance> for Runtime {
		fn query_info(
			uxt: <Block as BlockT>::Extrinsic,
			len: u32,
		) -> pallet_transaction_payment_rpc_runtime_api::RuntimeDispatchInfo<Balance> {
			TransactionPayment::query_info(uxt, len)
		}

		fn query_fee_details(
			uxt: <Block as BlockT>::Extrinsic,
			len: u32,
		) -> pallet_transaction_payment::FeeDetails<Balance> {
			TransactionPayment::query_fee_details(uxt, len)
		}

		fn query_weight_to_fee(weight: Weight) -> Balance {
			TransactionPayment::weight_to_fee(weight)
		}

		fn query_length_to_fee(length: u32) -> Balance {
			TransactionPayment::length_to_fee(length)
		}
	}

	impl pallet_transaction_payment_rpc_runtime_api::TransactionPaymentCallApi<Block, Balance, RuntimeCall>
		for Runtime
	{
		fn query_call_info(
			call: RuntimeCall,
			len: u32,
		) -> pallet_transaction_payment::RuntimeDispatchInfo<Balance> {
			TransactionPayment::query_call_info(call, len)
		}

		fn query_call_fee_details(
			call: RuntimeCall,
			len: u32,
		) -> pallet_transaction_payment::FeeDetails<Balance> {
			TransactionPayment::query_call_fee_details(call, len)
		}

		fn query_weight_to_fee(weight: Weight) -> Balance {
			TransactionPayment::weight_to_fee(weight)
		}

		fn query_length_to_fee(length: u32) -> Balance {
			TransactionPayment::length_to_fee(length)
		}
	}

	impl sp_genesis_builder::GenesisBuilder<Block> for Runtime {
		fn build_state(config: Vec<u8>) -> sp_genesis_builder::Result {
			build_state::<RuntimeGenesisConfig>(config)
		}

		fn get_preset(id: &Option<sp_genesis_builder::PresetId>) -> Option<Vec<u8>> {
			get_preset::<RuntimeGenesisConfig>(id, genesis_config_presets::get_preset)
		}

		fn preset_names() -> Vec<sp_genesis_builder::PresetId> {
			genesis_config_presets::preset_names()
		}
	}

	#[cfg(feature = "runtime-benchmarks")]
	impl frame_benchmarking::Benchmark<Block> for Runtime {
		fn benchmark_metadata(extra: bool) -> (
			Vec<frame_benchmarking::BenchmarkList>,
			Vec<frame_support::traits::StorageInfo>,
		) {
			use frame_benchmarking::BenchmarkList;
			use frame_support::traits::StorageInfoTrait;
			use super::{benchmarks::*, *};

			let mut list = Vec::<BenchmarkList>::new();
			list_benchmarks!(list, extra);
			(list, super::AllPalletsWithSystem::storage_info())
		}

		fn dispatch_benchmark(
			config: frame_benchmarking::BenchmarkConfig,
		) -> Result<Vec<frame_benchmarking::BenchmarkBatch>, alloc::string::String> {
			use frame_benchmarking::BenchmarkBatch;
			use frame_support::traits::WhitelistedStorageKeys;
			use super::{benchmarks::*, *};

			let whitelist = super::AllPalletsWithSystem::whitelisted_storage_keys();
			let mut batches = Vec::<BenchmarkBatch>::new();
			let params = (&config, &whitelist);
			add_benchmarks!(params, batches);
			Ok(batches)
		}
	}
}
