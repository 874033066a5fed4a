//! Node operators: bond and unbond NKMS, validate or chill, set session keys, see their node and
//! claim the fees of the policies it served.

use subxt::ext::codec::Decode;
use subxt::rpcs::{rpc_params, RpcClient};
use subxt_signer::sr25519::Keypair;

use crate::chain::{format_nkms, hex0x, runtime, runtime_types, Account, Balance, Chain};
use crate::error::{CliError, Result};
use crate::output::{table, Report};

use runtime_types::nkms_runtime::SessionKeys;

/// A staking call of an operator.
pub enum StakeCall {
	/// Bonds `amount` more (the first bond starts validating).
	Bond(Balance),
	/// Starts unbonding `amount`.
	Unbond(Balance),
	/// Withdraws what finished unbonding.
	Withdraw,
	/// Bonds `amount` of the unbonding stake again.
	Rebond(Balance),
	/// Stops validating (at the next elections).
	Chill,
	/// Wants to validate again.
	Validate,
}

/// Sends an operator's staking call.
pub async fn send(chain: &Chain, operator: &Keypair, call: StakeCall) -> Result<Report> {
	let staking = runtime::transactions().staking();
	let account = operator.public_key().to_account_id();
	let (included, what) = match call {
		StakeCall::Bond(amount) => {
			let bonded = chain
				.at_best()
				.await?
				.storage()
				.try_fetch(runtime::storage().staking().ledger(), (account,))
				.await?
				.is_some();
			let included = if bonded {
				chain.submit(&staking.bond_extra(amount), operator).await?
			} else {
				chain.submit(&staking.bond(amount), operator).await?
			};
			(included, format!("bonded {}", format_nkms(amount)))
		},
		StakeCall::Unbond(amount) => (
			chain.submit(&staking.unbond(amount), operator).await?,
			format!("unbonding {}", format_nkms(amount)),
		),
		StakeCall::Withdraw => (
			chain.submit(&staking.withdraw_unbonded(), operator).await?,
			"withdrew what finished unbonding".to_string(),
		),
		StakeCall::Rebond(amount) => (
			chain.submit(&staking.rebond(amount), operator).await?,
			format!("rebonded {}", format_nkms(amount)),
		),
		StakeCall::Chill => (
			chain.submit(&staking.chill(), operator).await?,
			"chilled: the node leaves the validator set at the next elections".to_string(),
		),
		StakeCall::Validate => (
			chain.submit(&staking.validate(), operator).await?,
			"validating: the node joins the validator set at the next elections it wins"
				.to_string(),
		),
	};
	let events: Vec<String> = included
		.events
		.iter()
		.filter_map(|event| event.ok())
		.filter(|event| event.pallet_name() == "Staking")
		.map(|event| format!("staking.{}", event.event_name()))
		.collect();
	Ok(Report::new().both(what, "account", account.to_string()).both(
		format!("events: {}", events.join(", ")),
		"events",
		events,
	))
}

/// Makes new session keys on the node at the chain's URL (an unsafe RPC method: the node must
/// be the operator's own) and registers them for the operator.
pub async fn set_keys(chain: &Chain, operator: &Keypair) -> Result<Report> {
	let account = operator.public_key().to_account_id();
	let rpc =
		RpcClient::from_insecure_url(chain.url())
			.await
			.map_err(|error| CliError::Unreachable {
				url: chain.url().into(),
				reason: error.to_string(),
			})?;
	let generated: serde_json::Value = rpc
		.request("author_rotateKeysWithOwner", rpc_params![hex0x(&account.0)])
		.await
		.map_err(|error| {
			CliError::Chain(format!(
				"the node did not make session keys (author_rotateKeysWithOwner is an unsafe method: run this against your own node, with --rpc-methods unsafe if it is not on localhost): {error}"
			))
		})?;
	let field = |name: &str| -> Result<Vec<u8>> {
		generated
			.get(name)
			.and_then(|value| value.as_str())
			.and_then(crate::keys::parse_hex)
			.ok_or_else(|| CliError::Chain(format!("the node's answer has no {name}")))
	};
	let keys_bytes = field("keys")?;
	let proof = field("proof")?;
	let keys = SessionKeys::decode(&mut &keys_bytes[..])
		.map_err(|_| CliError::Chain("the node's session keys do not decode".into()))?;
	chain
		.submit(&runtime::transactions().session().set_keys(keys, proof), operator)
		.await?;
	Ok(Report::new()
		.both(
			format!("session keys {} registered for {account}", hex0x(&keys_bytes)),
			"keys",
			hex0x(&keys_bytes),
		)
		.line("the node's off-chain worker registers its Umbral key after the next election"))
}

/// What the chain knows of `account` as a node.
pub async fn status(chain: &Chain, account: &Account) -> Result<Report> {
	let at = chain.at_best().await?;
	let now = at.block_number();
	let apis = runtime::runtime_apis();
	let ledger = at
		.storage()
		.try_fetch(runtime::storage().staking().ledger(), (*account,))
		.await?
		.map(|value| value.decode())
		.transpose()?;
	let active = at.runtime_apis().call(apis.nkms_staking_api().is_active(*account)).await?;
	let umbral_key = at.runtime_apis().call(apis.nkms_staking_api().umbral_key(*account)).await?;
	let slashes = at
		.storage()
		.fetch(runtime::storage().staking().slash_history(), (*account,))
		.await?
		.decode()?;
	let (claimable, policies) = claimable(chain, account).await?;

	let mut report =
		Report::new().both(format!("account {account}"), "account", account.to_string());
	match &ledger {
		None => report = report.line("not bonded").field("bonded", false),
		Some(ledger) => {
			let unlocking: Vec<_> = ledger.unlocking.0.iter().collect();
			report = report
				.both(format!("active stake {}", format_nkms(ledger.active)), "active", ledger.active.to_string())
				.both(
					format!("wants to validate: {}", if ledger.wants_to_validate { "yes" } else { "no (chilled)" }),
					"wants_to_validate",
					ledger.wants_to_validate,
				)
				.field(
					"unlocking",
					unlocking
						.iter()
						.map(|chunk| serde_json::json!({ "value": chunk.value.to_string(), "unlocks_at": chunk.unlocks_at }))
						.collect::<Vec<_>>(),
				);
			let rows: Vec<Vec<String>> = unlocking
				.iter()
				.map(|chunk| {
					let when = if u64::from(chunk.unlocks_at) <= now {
						"withdrawable now".to_string()
					} else {
						format!("in {} blocks", u64::from(chunk.unlocks_at) - now)
					};
					vec![format_nkms(chunk.value), chunk.unlocks_at.to_string(), when]
				})
				.collect();
			if !rows.is_empty() {
				for line in table(&["unlocking", "at block", ""], &rows) {
					report = report.line(format!("  {line}"));
				}
			}
		},
	}
	let key = umbral_key.map(|key| hex0x(&key.0));
	report = report
		.both(format!("active node: {}", if active { "yes" } else { "no" }), "active_node", active)
		.both(
			format!("Umbral key: {}", key.clone().unwrap_or_else(|| "none registered".into())),
			"umbral_key",
			key,
		)
		.both(format!("slashes: {}", slashes.0.len()), "slashes", slashes.0.iter().map(|slash| {
			serde_json::json!({ "at": slash.at, "amount": slash.amount.to_string(), "reason": format!("{:?}", slash.reason) })
		}).collect::<Vec<_>>());
	for slash in &slashes.0 {
		report = report.line(format!(
			"  block {}: {} ({:?})",
			slash.at,
			format_nkms(slash.amount),
			slash.reason
		));
	}
	Ok(report.both(
		format!("claimable fees: {} from {} policies", format_nkms(claimable), policies.len()),
		"claimable",
		claimable.to_string(),
	))
}

/// Claims the fees of every policy `operator`'s node can claim from now.
pub async fn claim(chain: &Chain, operator: &Keypair) -> Result<Report> {
	let account = operator.public_key().to_account_id();
	let (claimable, policies) = claimable(chain, &account).await?;
	if policies.is_empty() {
		return Ok(Report::new().both("nothing to claim", "claimed", "0"));
	}
	let at = chain.at_best().await?;
	let max = at.constants().entry(runtime::constants().policy().max_claims())?;
	let mut paid: Balance = 0;
	for batch in policies.chunks(max as usize) {
		let call = runtime::transactions()
			.policy()
			.claim_fees(crate::chain::bounded(batch.to_vec()));
		let included = chain.submit(&call, operator).await?;
		for event in included.events.find::<runtime::policy::events::FeesPaid>() {
			paid += event.map_err(|error| CliError::Client(error.to_string()))?.amount;
		}
	}
	Ok(Report::new()
		.both(
			format!(
				"claimed {} from {} policies (shown claimable: {})",
				format_nkms(paid),
				policies.len(),
				format_nkms(claimable)
			),
			"claimed",
			paid.to_string(),
		)
		.field("policies", policies.iter().map(|id| hex0x(id)).collect::<Vec<_>>()))
}

/// What `node` can claim in the next block, and from which policies.
async fn claimable(chain: &Chain, node: &Account) -> Result<(Balance, Vec<[u8; 32]>)> {
	let at = chain.at_best().await?;
	let apis = runtime::runtime_apis();
	let ids = at.runtime_apis().call(apis.nkms_policy_api().node_policies(*node)).await?;
	let mut total = 0;
	let mut claimable_ids = Vec::new();
	for id in ids {
		let Some(view) = crate::policy::policy_view(&at, id).await? else { continue };
		if let Some(fees) = view.nodes.iter().find(|fees| &fees.node == node) {
			if fees.claimable > 0 {
				total += fees.claimable;
				claimable_ids.push(id);
			}
		}
	}
	Ok((total, claimable_ids))
}
