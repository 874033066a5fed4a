//! `nkms`: the command-line client of NKMS Chain.
//!
//! Alice makes keys, encrypts and grants; Enrico encrypts for her policies; Bob retrieves and
//! decrypts; operators stake and watch their node. It talks to a node's RPC endpoint with subxt
//! (types from the runtime's metadata) and does the Umbral work with umbral-pre through
//! `nkms-primitives`. Every failure is one line on standard error and a non-zero exit code.

mod account;
mod chain;
mod envelope;
mod error;
mod files;
mod keys;
mod output;
mod policy;
mod retrieve;
mod stake;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Parser, Subcommand};

use account::AccountSource;
use chain::{parse_account, parse_id, parse_nkms, BlockNumber, Chain};
use error::{CliError, Result};
use keys::{KeyDir, Role};
use output::Report;

#[derive(Parser)]
#[command(
	name = "nkms",
	version,
	about = "The command-line client of NKMS Chain: keys, encryption, policies, retrieval and staking.",
	after_help = "Example, Alice on the local network:\n  nkms keys generate\n  nkms --suri //Eve grant --to 0x02…(Bob's receiving key) --threshold 2 --shares 3 --duration 1h --yes"
)]
struct Cli {
	/// The node's RPC endpoint.
	#[arg(long, global = true, env = "NKMS_URL", default_value = "ws://127.0.0.1:9944")]
	url: String,
	/// Print one JSON object instead of lines, for scripts.
	#[arg(long, global = true)]
	json: bool,
	/// Print only this field of the JSON object, bare (e.g. `--field policy`), for shell scripts.
	#[arg(long, global = true, value_name = "NAME")]
	field: Option<String>,
	/// The directory of your Umbral keys.
	#[arg(long, global = true, env = "NKMS_KEY_DIR", default_value = "nkms-keys")]
	key_dir: PathBuf,
	/// The secret URI of the signing account: a mnemonic, 0x seed or dev URI such as //Alice.
	#[arg(long, global = true, env = "NKMS_SURI", hide_env_values = true)]
	suri: Option<String>,
	/// A JSON keystore file of the signing account, as polkadot.js exports it.
	#[arg(long, global = true)]
	keystore: Option<PathBuf>,
	/// The keystore's password (else asked on the terminal).
	#[arg(long, global = true, env = "NKMS_PASSWORD", hide_env_values = true)]
	password: Option<String>,
	#[command(subcommand)]
	command: Command,
}

#[derive(Subcommand)]
enum Command {
	/// Your Umbral keys: delegating and signing (Alice), receiving (Bob).
	#[command(subcommand)]
	Keys(KeysCommand),
	/// Enrico: encrypt a file for Alice's policies, with her delegating public key.
	#[command(
		after_help = "Example:\n  nkms encrypt report.pdf --output report.pdf.nkms --to 0x03ab…(Alice's delegating key)"
	)]
	Encrypt {
		/// The file to encrypt (streamed: it may be large).
		input: PathBuf,
		/// Where to write the encrypted file.
		#[arg(long, short)]
		output: PathBuf,
		/// Alice's delegating public key (0x-hex); your own if not given.
		#[arg(long)]
		to: Option<String>,
	},
	/// Alice: decrypt a file encrypted under your own delegating key.
	#[command(after_help = "Example:\n  nkms decrypt report.pdf.nkms --output report.pdf")]
	Decrypt {
		/// The encrypted file.
		input: PathBuf,
		/// Where to write the plaintext.
		#[arg(long, short)]
		output: PathBuf,
	},
	/// Alice: grant the holder of a receiving key re-encryption by m of n nodes, paid in advance.
	#[command(
		after_help = "Example:\n  nkms --suri //Eve grant --to 0x02…(Bob's receiving key) --requester 5CiPPseX… --threshold 2 --shares 3 --duration 1d"
	)]
	Grant {
		/// Bob's receiving public key (0x-hex).
		#[arg(long)]
		to: String,
		/// The one account that may ask for re-encryption (Bob's); anyone if not given.
		#[arg(long)]
		requester: Option<String>,
		/// m: the fragments Bob needs.
		#[arg(long, short = 'm')]
		threshold: u8,
		/// n: the nodes that hold a key fragment (drawn by the chain by stake unless --nodes).
		#[arg(long, short = 'n', default_value_t = 3)]
		shares: u32,
		/// The nodes, comma-separated accounts, instead of the chain's draw.
		#[arg(long, value_delimiter = ',')]
		nodes: Vec<String>,
		/// How long: blocks, or a number with s, m, h or d.
		#[arg(long)]
		duration: String,
		/// The fee per node per block in NKMS; the least every node takes if not given.
		#[arg(long)]
		rate: Option<String>,
		/// The policy's label (its id depends on it); a random one if not given.
		#[arg(long)]
		label: Option<String>,
		/// Pay without asking.
		#[arg(long)]
		yes: bool,
	},
	/// Alice: revoke a policy at once; the unserved fees come back.
	#[command(after_help = "Example:\n  nkms --suri //Eve revoke 0x5f3c…")]
	Revoke {
		/// The policy's id.
		policy: String,
	},
	/// Alice: make a policy last longer, paying the extra fees.
	#[command(after_help = "Example:\n  nkms --suri //Eve extend 0x5f3c… --by 7d")]
	Extend {
		/// The policy's id.
		policy: String,
		/// How much longer: blocks, or a number with s, m, h or d.
		#[arg(long)]
		by: String,
	},
	/// Alice: your policies (or another owner's).
	#[command(after_help = "Example:\n  nkms --suri //Eve policies")]
	Policies {
		/// The owner; the signing account if not given.
		#[arg(long)]
		owner: Option<String>,
	},
	/// Bob: have the policy's nodes re-encrypt a file's capsule, then decrypt the file.
	#[command(
		after_help = "Example:\n  nkms --suri //Ferdie retrieve report.pdf.nkms --policy 0x5f3c… --output report.pdf"
	)]
	Retrieve {
		/// The encrypted file.
		input: PathBuf,
		/// The policy that grants you access.
		#[arg(long)]
		policy: String,
		/// Where to write the plaintext.
		#[arg(long, short)]
		output: PathBuf,
		/// Seconds to wait for the fragments.
		#[arg(long, default_value_t = 120)]
		timeout: u64,
	},
	/// Operators: stake, validate, session keys, status and fees.
	#[command(subcommand)]
	Stake(StakeCommand),
}

#[derive(Subcommand)]
enum KeysCommand {
	/// Make new keys, each in a file readable by you only.
	#[command(after_help = "Example:\n  nkms --key-dir ~/.nkms keys generate")]
	Generate {
		/// Replace existing keys (what was encrypted or granted under them is then lost).
		#[arg(long)]
		force: bool,
	},
	/// Show the public keys, in the hex the chain and polkadot.js use.
	#[command(after_help = "Example:\n  nkms keys show --json")]
	Show {
		/// Show the secret keys too.
		#[arg(long)]
		secrets: bool,
	},
}

#[derive(Subcommand)]
enum StakeCommand {
	/// Bond NKMS (at least the minimum stake the first time): the node wants to validate.
	#[command(after_help = "Example:\n  nkms --suri //Ferdie stake bond 20000")]
	Bond { amount: String },
	/// Start unbonding NKMS; it stays slashable until the unbonding period ends.
	#[command(after_help = "Example:\n  nkms --suri //Ferdie stake unbond 5000")]
	Unbond { amount: String },
	/// Withdraw the stake whose unbonding period ended.
	#[command(after_help = "Example:\n  nkms --suri //Ferdie stake withdraw")]
	Withdraw,
	/// Bond again NKMS that is unbonding.
	#[command(after_help = "Example:\n  nkms --suri //Ferdie stake rebond 5000")]
	Rebond { amount: String },
	/// Stop validating at the next elections.
	#[command(after_help = "Example:\n  nkms --suri //Ferdie stake chill")]
	Chill,
	/// Want to validate again.
	#[command(after_help = "Example:\n  nkms --suri //Ferdie stake validate")]
	Validate,
	/// Make new session keys on your node (--url) and register them.
	#[command(
		after_help = "Example:\n  nkms --url ws://127.0.0.1:9948 --suri //Ferdie stake set-keys"
	)]
	SetKeys,
	/// Stake, unlocking chunks, active or not, Umbral key, slashes and claimable fees.
	#[command(after_help = "Example:\n  nkms stake status --account 5FHneW46…")]
	Status {
		/// The staker; the signing account if not given.
		#[arg(long)]
		account: Option<String>,
	},
	/// Claim the fees your node earned.
	#[command(after_help = "Example:\n  nkms --suri //Alice stake claim")]
	Claim,
}

#[tokio::main]
async fn main() -> ExitCode {
	let cli = Cli::parse();
	let (json, field) = (cli.json, cli.field.clone());
	match run(cli).await {
		Ok(report) => match field {
			Some(name) => match report.field_text(&name) {
				Some(text) => {
					println!("{text}");
					ExitCode::SUCCESS
				},
				None => {
					eprintln!("nkms: the output has no field {name}");
					ExitCode::from(CliError::Input(String::new()).exit_code())
				},
			},
			None => {
				report.print(json);
				ExitCode::SUCCESS
			},
		},
		Err(error) => {
			eprintln!("nkms: {error}");
			ExitCode::from(error.exit_code())
		},
	}
}

async fn run(cli: Cli) -> Result<Report> {
	let keys = KeyDir::new(cli.key_dir.clone());
	let source = AccountSource {
		suri: cli.suri.as_deref(),
		keystore: cli.keystore.as_deref(),
		password: cli.password.as_deref(),
	};
	match cli.command {
		Command::Keys(KeysCommand::Generate { force }) => {
			keys.generate(force)?;
			show_keys(&keys, false).map(|report| {
				report.line(format!("written to {} (readable by you only)", keys.path().display()))
			})
		},
		Command::Keys(KeysCommand::Show { secrets }) => show_keys(&keys, secrets),
		Command::Encrypt { input, output, to } => {
			let key = match to {
				Some(text) => keys::parse_public(&text, "--to")?,
				None => keys.public(Role::Delegating)?,
			};
			files::encrypt(&key, &input, &output)
		},
		Command::Decrypt { input, output } => files::decrypt(&keys, &input, &output),
		Command::Grant { to, requester, threshold, shares, nodes, duration, rate, label, yes } => {
			let chain = Chain::connect(&cli.url).await?;
			let terms = policy::GrantTerms {
				reader_key: keys::parse_public(&to, "--to")?,
				requester: requester.as_deref().map(parse_account).transpose()?,
				threshold,
				shares: if nodes.is_empty() { shares } else { nodes.len() as u32 },
				nodes: nodes.iter().map(|node| parse_account(node)).collect::<Result<_>>()?,
				duration: blocks(&chain, &duration).await?,
				rate: rate.as_deref().map(parse_nkms).transpose()?,
				label,
				yes,
			};
			policy::grant(&chain, &source.keypair()?, &keys, terms).await
		},
		Command::Revoke { policy: id } => {
			let id = parse_id(&id, "policy id")?;
			let signer = source.keypair()?;
			policy::revoke(&Chain::connect(&cli.url).await?, &signer, id).await
		},
		Command::Extend { policy: id, by } => {
			let id = parse_id(&id, "policy id")?;
			let signer = source.keypair()?;
			let chain = Chain::connect(&cli.url).await?;
			let by = blocks(&chain, &by).await?;
			policy::extend(&chain, &signer, id, by).await
		},
		Command::Policies { owner } => {
			let owner = match owner {
				Some(owner) => parse_account(&owner)?,
				None => source.account()?,
			};
			policy::list(&Chain::connect(&cli.url).await?, &owner).await
		},
		Command::Retrieve { input, policy: id, output, timeout } => {
			let id = parse_id(&id, "policy id")?;
			let signer = source.keypair()?;
			let chain = Chain::connect(&cli.url).await?;
			retrieve::retrieve(
				&chain,
				&signer,
				&keys,
				id,
				&input,
				&output,
				Duration::from_secs(timeout),
			)
			.await
		},
		Command::Stake(command) => run_stake(&cli.url, &source, command).await,
	}
}

async fn run_stake(url: &str, source: &AccountSource<'_>, command: StakeCommand) -> Result<Report> {
	use stake::StakeCall;
	let call = match command {
		StakeCommand::Status { account } => {
			let account = match account {
				Some(account) => parse_account(&account)?,
				None => source.account()?,
			};
			return stake::status(&Chain::connect(url).await?, &account).await;
		},
		StakeCommand::SetKeys => {
			let signer = source.keypair()?;
			return stake::set_keys(&Chain::connect(url).await?, &signer).await;
		},
		StakeCommand::Claim => {
			let signer = source.keypair()?;
			return stake::claim(&Chain::connect(url).await?, &signer).await;
		},
		StakeCommand::Bond { amount } => StakeCall::Bond(parse_nkms(&amount)?),
		StakeCommand::Unbond { amount } => StakeCall::Unbond(parse_nkms(&amount)?),
		StakeCommand::Withdraw => StakeCall::Withdraw,
		StakeCommand::Rebond { amount } => StakeCall::Rebond(parse_nkms(&amount)?),
		StakeCommand::Chill => StakeCall::Chill,
		StakeCommand::Validate => StakeCall::Validate,
	};
	let signer = source.keypair()?;
	stake::send(&Chain::connect(url).await?, &signer, call).await
}

fn show_keys(keys: &KeyDir, secrets: bool) -> Result<Report> {
	let mut report = Report::new();
	for role in Role::ALL {
		let secret = keys.secret(role)?;
		let public = keys::public_hex(&secret.public_key());
		report = report.both(
			format!("{:<11} {public}", format!("{}:", role.public_name())),
			role.public_name(),
			public,
		);
		if secrets {
			let hex = chain::hex0x(secret.to_be_bytes().as_secret());
			report = report.both(
				format!("{:<11} {hex}", format!("{} secret:", role.name())),
				&format!("{}_secret", role.name()),
				hex,
			);
		}
	}
	Ok(report)
}

/// A duration in blocks: a number of blocks, or a number with s, m, h or d at the chain's block
/// time.
async fn blocks(chain: &Chain, text: &str) -> Result<BlockNumber> {
	let bad = || {
		CliError::Input(format!("not a duration (blocks, or a number with s, m, h or d): {text}"))
	};
	let text = text.trim();
	let (number, unit) = match text.char_indices().last() {
		Some((at, unit)) if unit.is_ascii_alphabetic() => (&text[..at], Some(unit)),
		_ => (text, None),
	};
	let number: u64 = number.parse().map_err(|_| bad())?;
	let seconds = match unit {
		None => return BlockNumber::try_from(number).map_err(|_| bad()),
		Some('s') => number,
		Some('m') => number * 60,
		Some('h') => number * 3_600,
		Some('d') => number * 86_400,
		Some(_) => return Err(bad()),
	};
	let at = chain.at_best().await?;
	// Aura's slot is twice the timestamp pallet's minimum period.
	let period_ms =
		at.constants().entry(chain::runtime::constants().timestamp().minimum_period())?;
	let block_ms = (2 * period_ms).max(1);
	BlockNumber::try_from((seconds * 1_000).div_ceil(block_ms)).map_err(|_| bad())
}
