//! Bob retrieves a file: he asks the policy's nodes to re-encrypt its capsule, follows the request
//! until `m` verified fragments are on chain (or the deadline passes), checks them again and
//! decrypts the file.

use std::fs::File;
use std::io::{BufReader, BufWriter};
use std::path::Path;
use std::time::{Duration, Instant};

use nkms_primitives::CapsuleFragBytes;
use subxt_signer::sr25519::Keypair;
use umbral_pre::VerifiedCapsuleFrag;

use crate::chain::{bounded, hex0x, runtime, runtime_types, Chain};
use crate::envelope::Header;
use crate::error::{CliError, Result};
use crate::keys::{self, KeyDir, Role};
use crate::output::{progress, Report};
use crate::policy;

use runtime_types::{
	nkms_primitives::objects::CapsuleBytes as ChainCapsuleBytes,
	pallet_nkms_reencryption::types::RequestStatus,
};

/// Bob retrieves `input` under policy `id` into `output`, giving up after `timeout`.
pub async fn retrieve(
	chain: &Chain,
	bob: &Keypair,
	keys: &KeyDir,
	id: [u8; 32],
	input: &Path,
	output: &Path,
	timeout: Duration,
) -> Result<Report> {
	let receiving = keys.secret(Role::Receiving)?;
	let mut file = BufReader::new(File::open(input).map_err(|error| CliError::io(input, error))?);
	let header = Header::read(&mut file)?;
	let capsule = header.umbral_capsule()?;
	let view = policy::live_policy(chain, id).await?;
	if view.umbral_keys.receiving.0 != keys::on_chain(&receiving.public_key())?.0 {
		return Err(CliError::Input(format!(
			"policy {} grants another receiving key than the one in {}",
			hex0x(&id),
			keys.path().display()
		)));
	}
	let delegating =
		keys::parse_public(&hex0x(&view.umbral_keys.delegating.0), "the policy's delegating key")?;
	let verifying =
		keys::parse_public(&hex0x(&view.umbral_keys.verifying.0), "the policy's verifying key")?;

	let capsules = bounded(vec![ChainCapsuleBytes(bounded(header.capsule.as_bytes().to_vec()))]);
	let call = runtime::transactions().reencryption().request_reencryption(id, capsules);
	let started = Instant::now();
	let included = chain.submit(&call, bob).await?;
	let requested = included.event::<runtime::reencryption::events::ReencryptionRequested>()?;
	let request = requested.id;
	progress(&format!(
		"request {request}: asked {} nodes, deadline block {}",
		view.nodes.len(),
		requested.deadline
	));

	let mut shown = usize::MAX;
	let fragments = loop {
		let at = chain.at_best().await?;
		let view = at
			.runtime_apis()
			.call(runtime::runtime_apis().nkms_reencryption_api().request(request))
			.await?
			.ok_or_else(|| CliError::Chain(format!("request {request} is no longer on chain")))?;
		let verified = view.fragments.first().map(Vec::len).unwrap_or(0);
		if verified != shown {
			progress(&format!(
				"request {request}: {verified} verified fragments, {} needed (block {})",
				view.threshold,
				at.block_number()
			));
			shown = verified;
		}
		match view.status {
			RequestStatus::Fulfilled(_) => {
				break view.fragments.into_iter().next().unwrap_or_default()
			},
			RequestStatus::Expired => {
				return Err(CliError::Chain(format!(
					"request {request}: the deadline (block {}) passed with {verified} verified fragments, {} needed",
					view.deadline, view.threshold
				)))
			},
			RequestStatus::Cancelled => {
				return Err(CliError::Chain(format!(
					"request {request} was cancelled: policy {} was revoked or expired",
					hex0x(&id)
				)))
			},
			RequestStatus::Pending => {},
		}
		if started.elapsed() > timeout {
			return Err(CliError::Chain(format!(
				"request {request}: {verified} verified fragments, {} needed, after {} s (--timeout); the chain keeps it until block {}",
				view.threshold,
				timeout.as_secs(),
				view.deadline
			)));
		}
		tokio::time::sleep(Duration::from_millis(1_000)).await;
	};

	let threshold = usize::from(view.threshold);
	let mut cfrags: Vec<VerifiedCapsuleFrag> = Vec::new();
	for (node, bytes) in fragments {
		let cfrag = CapsuleFragBytes::try_from_bytes(&bytes.0 .0)
			.and_then(|cfrag| cfrag.to_umbral())
			.map_err(|error| {
				CliError::Chain(format!("node {node}'s fragment does not decode: {error}"))
			})?;
		// The chain verified it; Bob checks it again with umbral-pre.
		let verified = cfrag
			.verify(&capsule, &verifying, &delegating, &receiving.public_key())
			.map_err(|_| CliError::Chain(format!("node {node}'s fragment does not verify")))?;
		cfrags.push(verified);
		if cfrags.len() == threshold {
			break;
		}
	}
	let file_key = umbral_pre::decrypt_reencrypted(
		&receiving,
		&delegating,
		&capsule,
		cfrags,
		&header.wrapped_key,
	)
	.map_err(|error| CliError::Chain(format!("the fragments do not open the file key: {error}")))?;
	let bytes = write_atomically(output, |out| header.decrypt(&file_key, &mut file, out))?;
	Ok(Report::new()
		.both(format!("request {request} fulfilled"), "request", request)
		.both(format!("wrote {bytes} bytes to {}", output.display()), "bytes", bytes)
		.field("output", output.display().to_string()))
}

/// Writes `output` through `write` into a temporary file beside it, renamed into place only if
/// `write` succeeds: a failed decryption leaves no partial plaintext.
pub fn write_atomically<T>(
	output: &Path,
	write: impl FnOnce(&mut BufWriter<File>) -> Result<T>,
) -> Result<T> {
	let partial = output.with_extension("partial");
	let file = File::create(&partial).map_err(|error| CliError::io(&partial, error))?;
	let mut writer = BufWriter::new(file);
	let result = write(&mut writer).and_then(|value| {
		std::io::Write::flush(&mut writer).map_err(|error| CliError::io(&partial, error))?;
		Ok(value)
	});
	match result {
		Ok(value) => {
			std::fs::rename(&partial, output).map_err(|error| CliError::io(output, error))?;
			Ok(value)
		},
		Err(error) => {
			let _ = std::fs::remove_file(&partial);
			Err(error)
		},
	}
}
