//! Alice's policies: grant, revoke, extend, and the list of hers.

use std::io::{BufRead, IsTerminal, Write};

use nkms_primitives::{EncryptedKeyFrag, KeyFragBytes};
use rand_core::{OsRng, RngCore};
use subxt_signer::sr25519::Keypair;
use umbral_pre::{generate_kfrags, PublicKey, Signer};

use crate::chain::{
	bounded, format_nkms, hex0x, runtime, runtime_types, Account, AtBlock, Balance, BlockNumber,
	Chain,
};
use crate::error::{CliError, Result};
use crate::keys::{self, KeyDir, Role};
use crate::output::{progress, table, Report};

use runtime_types::{
	nkms_primitives::{
		encrypted_kfrag::EncryptedKeyFrag as ChainEncryptedKeyFrag, keys::UmbralPublicKey,
		objects::CapsuleBytes as ChainCapsuleBytes, policy::PolicyKeys,
	},
	pallet_nkms_policy::types::{ArrangementStatus, PolicyState, Share},
};

/// What Alice grants.
pub struct GrantTerms {
	/// Bob's Umbral public key.
	pub reader_key: PublicKey,
	/// The one account that may request re-encryption, if any.
	pub requester: Option<Account>,
	/// `m`.
	pub threshold: u8,
	/// `n`.
	pub shares: u32,
	/// The nodes, if chosen; else the chain draws `shares` by stake.
	pub nodes: Vec<Account>,
	/// Blocks of service from now.
	pub duration: BlockNumber,
	/// The fee per node per block; else the least every node takes.
	pub rate: Option<Balance>,
	/// The policy's label.
	pub label: Option<String>,
	/// Pay without asking.
	pub yes: bool,
}

/// Alice grants Bob a policy; prints its id and what it holds.
pub async fn grant(
	chain: &Chain,
	alice: &Keypair,
	keys: &KeyDir,
	terms: GrantTerms,
) -> Result<Report> {
	let delegating = keys.secret(Role::Delegating)?;
	let signing = keys.secret(Role::Signing)?;
	let at = chain.at_best().await?;
	let nodes = if terms.nodes.is_empty() {
		sample_nodes(&at, terms.shares).await?
	} else {
		terms.nodes.clone()
	};
	let n = nodes.len() as u32;
	if terms.threshold == 0 || u32::from(terms.threshold) > n {
		return Err(CliError::Input(format!(
			"the threshold must be 1 to {n} (the number of nodes)"
		)));
	}
	let mut node_keys = Vec::new();
	for node in &nodes {
		let key = at
			.runtime_apis()
			.call(runtime::runtime_apis().nkms_staking_api().umbral_key(*node))
			.await?
			.ok_or_else(|| CliError::Chain(format!("node {node} has no registered Umbral key")))?;
		node_keys.push(keys::parse_public(&hex0x(&key.0), "a node's Umbral key")?);
	}
	let rate = match terms.rate {
		Some(rate) => rate,
		None => least_rate(&at, &nodes).await?,
	};
	let expiry = at.block_number() as BlockNumber + terms.duration;
	let label = terms.label.clone().unwrap_or_else(random_label);
	let quote = at
		.runtime_apis()
		.call(runtime::runtime_apis().nkms_policy_api().quote(
			n,
			rate,
			expiry,
			label.len() as u32,
			terms.requester.is_some(),
		))
		.await?
		.ok_or_else(|| {
			CliError::Input(format!(
				"the chain would refuse this policy: {n} nodes, a label of {} bytes, expiry at block {expiry}",
				label.len()
			))
		})?;
	let cost = format!(
		"{} nodes at {} per block until block {expiry}: {} in escrow + {} deposit",
		n,
		format_nkms(rate),
		format_nkms(quote.escrow),
		format_nkms(quote.deposit)
	);
	if !terms.yes {
		confirm(&format!("{cost}. Pay?"))?;
	}

	let kfrags = generate_kfrags(
		&delegating,
		&terms.reader_key,
		&Signer::new(signing.clone()),
		terms.threshold.into(),
		nodes.len(),
		true,
		true,
	);
	let mut shares = Vec::new();
	for ((node, node_key), kfrag) in nodes.iter().zip(&node_keys).zip(kfrags.iter()) {
		let kfrag = kfrag.clone().unverify();
		let kfrag_id = KeyFragBytes::from_umbral(&kfrag)
			.ok()
			.and_then(|bytes| bytes.id())
			.ok_or_else(|| CliError::Input("a key fragment does not encode".into()))?;
		let encrypted = EncryptedKeyFrag::encrypt_with_rng(&mut OsRng, node_key, &kfrag)
			.map_err(|error| CliError::Input(format!("encrypting a key fragment: {error}")))?;
		shares.push(Share {
			node: *node,
			kfrag_id,
			kfrag: ChainEncryptedKeyFrag {
				capsule: ChainCapsuleBytes(bounded(encrypted.capsule.as_bytes().to_vec())),
				ciphertext: bounded(encrypted.ciphertext.to_vec()),
			},
		});
	}
	let umbral_keys = PolicyKeys {
		receiving: chain_key(&terms.reader_key)?,
		delegating: chain_key(&delegating.public_key())?,
		verifying: chain_key(&signing.public_key())?,
	};
	let call = runtime::transactions().policy().create_policy(
		bounded(label.clone().into_bytes()),
		umbral_keys,
		terms.threshold,
		bounded(shares),
		expiry,
		rate,
		terms.requester,
	);
	let included = chain.submit(&call, alice).await?;
	let created = included.event::<runtime::policy::events::PolicyCreated>()?;
	let id = hex0x(&created.id);
	progress(&format!(
		"policy {id} created: its {n} nodes check their key fragments and accept by block {}",
		created.decide_by
	));
	let accepted = await_acceptance(chain, created.id, terms.threshold, &nodes).await?;
	Ok(Report::new()
		.both(format!("policy {id}"), "policy", id.clone())
		.both(format!("label: {label}"), "label", label)
		.line(format!(
			"{}-of-{} nodes, {} accepted: {}",
			terms.threshold,
			n,
			accepted.len(),
			join(&accepted)
		))
		.field("threshold", terms.threshold)
		.field("nodes", nodes.iter().map(|node| node.to_string()).collect::<Vec<_>>())
		.field("accepted", accepted.iter().map(|node| node.to_string()).collect::<Vec<_>>())
		.both(format!("expires at block {expiry}"), "expiry", expiry)
		.line(format!(
			"held: {} in escrow, {} deposit",
			format_nkms(created.escrow),
			format_nkms(created.deposit)
		))
		.field("escrow", created.escrow.to_string())
		.field("deposit", created.deposit.to_string()))
}

/// Follows policy `id` until `threshold` of its nodes have accepted it (it is live), printing
/// progress; returns the nodes that accepted. Fails if the policy fails: too many of `nodes`
/// declined or stayed silent.
async fn await_acceptance(
	chain: &Chain,
	id: [u8; 32],
	threshold: u8,
	nodes: &[Account],
) -> Result<Vec<Account>> {
	let mut shown = usize::MAX;
	loop {
		let at = chain.at_best().await?;
		let view = policy_view(&at, id).await?.ok_or_else(|| {
			CliError::Chain(format!("policy {} is no longer on chain", hex0x(&id)))
		})?;
		let accepted: Vec<Account> = view
			.nodes
			.iter()
			.filter(|node| matches!(node.status, ArrangementStatus::Accepted(_)))
			.map(|node| node.node)
			.collect();
		if accepted.len() != shown {
			progress(&format!(
				"policy {}: {} of {} nodes accepted, {threshold} needed (block {})",
				hex0x(&id),
				accepted.len(),
				nodes.len(),
				at.block_number()
			));
			shown = accepted.len();
		}
		match view.state {
			PolicyState::Live => return Ok(accepted),
			PolicyState::Pending => {},
			_ => {
				let left: Vec<Account> = view.nodes.iter().map(|node| node.node).collect();
				let gone: Vec<Account> =
					nodes.iter().filter(|node| !left.contains(node)).copied().collect();
				return Err(CliError::Chain(format!(
					"policy {} failed: {} of {} nodes accepted, {threshold} needed; declined or silent: {} (escrow and deposit refunded but for the decliners' compensation)",
					hex0x(&id),
					accepted.len(),
					nodes.len(),
					join(&gone)
				)));
			},
		}
		tokio::time::sleep(std::time::Duration::from_millis(1_000)).await;
	}
}

/// Alice revokes policy `id`.
pub async fn revoke(chain: &Chain, alice: &Keypair, id: [u8; 32]) -> Result<Report> {
	live_policy_of(chain, &alice.public_key().to_account_id(), id).await?;
	let included = chain.submit(&runtime::transactions().policy().revoke_policy(id), alice).await?;
	let revoked = included.event::<runtime::policy::events::PolicyRevoked>()?;
	Ok(Report::new()
		.both(format!("policy {} revoked", hex0x(&id)), "policy", hex0x(&id))
		.line(format!(
			"refunded: {} (the unserved escrow and the deposit)",
			format_nkms(revoked.refund)
		))
		.field("refund", revoked.refund.to_string()))
}

/// Alice extends policy `id` by `blocks` blocks.
pub async fn extend(
	chain: &Chain,
	alice: &Keypair,
	id: [u8; 32],
	blocks: BlockNumber,
) -> Result<Report> {
	let view = live_policy_of(chain, &alice.public_key().to_account_id(), id).await?;
	let expiry = view.expiry + blocks;
	let included = chain
		.submit(&runtime::transactions().policy().extend_policy(id, expiry), alice)
		.await?;
	let extended = included.event::<runtime::policy::events::PolicyExtended>()?;
	Ok(Report::new()
		.both(
			format!("policy {} now expires at block {}", hex0x(&id), extended.expiry),
			"expiry",
			extended.expiry,
		)
		.line(format!("held: {} more in escrow", format_nkms(extended.escrow)))
		.field("policy", hex0x(&id))
		.field("escrow", extended.escrow.to_string()))
}

/// `owner`'s policies, a row each.
pub async fn list(chain: &Chain, owner: &Account) -> Result<Report> {
	let at = chain.at_best().await?;
	let ids = at
		.runtime_apis()
		.call(runtime::runtime_apis().nkms_policy_api().owner_policies(*owner))
		.await?;
	let mut rows = Vec::new();
	let mut json = Vec::new();
	for id in ids {
		let Some(view) = policy_view(&at, id).await? else { continue };
		let state = state_name(&view.state);
		let reader = hex0x(&view.umbral_keys.receiving.0);
		let m_of_n = format!("{}-of-{}", view.threshold, view.nodes.len());
		rows.push(vec![
			hex0x(&id),
			short(&reader),
			m_of_n.clone(),
			view.expiry.to_string(),
			format_nkms(view.escrow),
			state.to_string(),
		]);
		json.push(serde_json::json!({
			"policy": hex0x(&id),
			"reader": reader,
			"threshold": view.threshold,
			"nodes": view.nodes.len(),
			"expiry": view.expiry,
			"escrow": view.escrow.to_string(),
			"state": state,
		}));
	}
	let mut report = Report::new().field("policies", json);
	if rows.is_empty() {
		report = report.line(format!("{owner} has no policies"));
	}
	for line in table(&["policy", "reader", "m-of-n", "expiry", "escrow left", "state"], &rows) {
		report = report.line(line);
	}
	Ok(report)
}

/// The policy view of `id` at `at`.
pub async fn policy_view(
	at: &AtBlock,
	id: [u8; 32],
) -> Result<
	Option<
		runtime_types::pallet_nkms_policy::runtime_api::PolicyView<Account, Balance, BlockNumber>,
	>,
> {
	Ok(at
		.runtime_apis()
		.call(runtime::runtime_apis().nkms_policy_api().policy(id))
		.await?)
}

/// Policy `id`, which must be live: a clear error if it is unknown, revoked or expired.
pub async fn live_policy(
	chain: &Chain,
	id: [u8; 32],
) -> Result<runtime_types::pallet_nkms_policy::runtime_api::PolicyView<Account, Balance, BlockNumber>>
{
	let at = chain.at_best().await?;
	let view = policy_view(&at, id).await?.ok_or_else(|| {
		CliError::Chain(format!(
			"no policy {} on chain (unknown, or settled and removed)",
			hex0x(&id)
		))
	})?;
	match view.state {
		PolicyState::Live => Ok(view),
		PolicyState::Pending => Err(CliError::Chain(format!(
			"policy {} is not live yet: fewer than {} of its nodes have accepted it (they decide by block {})",
			hex0x(&id),
			view.threshold,
			view.decide_by
		))),
		PolicyState::Revoked => {
			Err(CliError::Chain(format!("policy {} was revoked by its owner", hex0x(&id))))
		},
		PolicyState::Expired => {
			Err(CliError::Chain(format!("policy {} expired at block {}", hex0x(&id), view.expiry)))
		},
		PolicyState::Failed => Err(CliError::Chain(format!(
			"policy {} failed: fewer than {} of its nodes accepted it",
			hex0x(&id),
			view.threshold
		))),
	}
}

async fn live_policy_of(
	chain: &Chain,
	owner: &Account,
	id: [u8; 32],
) -> Result<runtime_types::pallet_nkms_policy::runtime_api::PolicyView<Account, Balance, BlockNumber>>
{
	let view = live_policy(chain, id).await?;
	if &view.owner != owner {
		return Err(CliError::Chain(format!(
			"policy {} is {}'s, not {owner}'s",
			hex0x(&id),
			view.owner
		)));
	}
	Ok(view)
}

/// `n` active nodes drawn by stake, without replacement.
async fn sample_nodes(at: &AtBlock, n: u32) -> Result<Vec<Account>> {
	let mut seed = [0u8; 32];
	OsRng.fill_bytes(&mut seed);
	at.runtime_apis()
		.call(runtime::runtime_apis().nkms_staking_api().sample_nodes(seed, n))
		.await?
		.map_err(|error| CliError::Chain(format!("the chain cannot draw {n} nodes: {error:?}")))
}

/// The least fee rate every node takes: the chain's minimum, or a node's own if higher.
async fn least_rate(at: &AtBlock, nodes: &[Account]) -> Result<Balance> {
	let range = at
		.storage()
		.fetch(runtime::storage().policy().fee_rates(), ())
		.await?
		.decode()?;
	let mut rate = range.min;
	for node in nodes {
		if let Some(own) = at
			.storage()
			.try_fetch(runtime::storage().policy().min_fee_rates(), (*node,))
			.await?
		{
			rate = rate.max(own.decode()?.0);
		}
	}
	Ok(rate)
}

fn chain_key(key: &PublicKey) -> Result<UmbralPublicKey> {
	Ok(UmbralPublicKey(keys::on_chain(key)?.0))
}

fn random_label() -> String {
	let mut bytes = [0u8; 8];
	OsRng.fill_bytes(&mut bytes);
	format!("nkms-{}", hex::encode(bytes))
}

/// A policy state as shown.
pub fn state_name(state: &PolicyState) -> &'static str {
	match state {
		PolicyState::Pending => "pending",
		PolicyState::Live => "live",
		PolicyState::Expired => "expired",
		PolicyState::Revoked => "revoked",
		PolicyState::Failed => "failed",
	}
}

fn join(accounts: &[Account]) -> String {
	accounts
		.iter()
		.map(|account| account.to_string())
		.collect::<Vec<_>>()
		.join(", ")
}

fn short(hex: &str) -> String {
	if hex.len() > 14 {
		format!("{}…{}", &hex[..8], &hex[hex.len() - 4..])
	} else {
		hex.to_string()
	}
}

/// Asks on the terminal; refuses without one.
fn confirm(question: &str) -> Result<()> {
	if !std::io::stdin().is_terminal() {
		return Err(CliError::Input(format!(
			"{question} Not asked: no terminal. Pass --yes to pay."
		)));
	}
	eprint!("{question} [y/N] ");
	std::io::stderr().flush().ok();
	let mut answer = String::new();
	std::io::stdin()
		.lock()
		.read_line(&mut answer)
		.map_err(|error| CliError::Input(error.to_string()))?;
	if matches!(answer.trim(), "y" | "Y" | "yes") {
		Ok(())
	} else {
		Err(CliError::Input("not paid: nothing was sent".into()))
	}
}
