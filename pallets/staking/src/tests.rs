//! Unit tests on the mock runtime.

use frame_support::{
	assert_noop, assert_ok,
	traits::fungible::{Inspect, InspectHold},
};
use sp_runtime::{DispatchError, Perbill, TokenError};
use sp_staking::offence::{OffenceDetails, OnOffenceHandler};

use frame_support::traits::Get;
use nkms_primitives::UmbralPublicKey;

use crate::{mock::*, *};

type StakingError = crate::Error<Test>;

fn held(who: AccountId) -> Balance {
	Balances::balance_on_hold(&RuntimeHoldReason::Staking(HoldReason::Staking), &who)
}

fn ledger(who: AccountId) -> LedgerOf<Test> {
	Ledger::<Test>::get(who).expect("a staker")
}

fn chunks(who: AccountId) -> Vec<(Balance, u64)> {
	ledger(who).unlocking.iter().map(|c| (c.value, c.unlocks_at)).collect()
}

fn candidates() -> Vec<AccountId> {
	Candidates::<Test>::get().into_inner()
}

/// A staker with keys and an Umbral key, bonded in a test.
fn stake(who: AccountId, amount: Balance) {
	assert_ok!(Staking::bond(RuntimeOrigin::signed(who), amount));
	assert_ok!(Staking::set_umbral_key(RuntimeOrigin::signed(who), umbral_key(who as u8)));
	register_keys(who);
}

mod bonding {
	use super::*;

	#[test]
	fn bond_holds_the_stake_and_makes_a_candidate() {
		new_test_ext().execute_with(|| {
			assert_ok!(Staking::bond(RuntimeOrigin::signed(1), 150));
			assert_eq!(held(1), 150);
			assert_eq!(Balances::balance(&1), ENDOWMENT - 150);
			assert_eq!(ledger(1), LedgerOf::<Test>::new(150));
			assert_eq!(candidates(), vec![1]);
			assert_eq!(
				staking_events(),
				vec![Event::Bonded { staker: 1, amount: 150 }, Event::Validating { staker: 1 }]
			);
		});
	}

	#[test]
	fn bond_checks_minimum_balance_and_repeats() {
		new_test_ext().execute_with(|| {
			assert_noop!(
				Staking::bond(RuntimeOrigin::signed(1), MIN_STAKE - 1),
				StakingError::BelowMinStake
			);
			assert_noop!(
				Staking::bond(RuntimeOrigin::signed(1), ENDOWMENT + 1),
				StakingError::InsufficientBalance
			);
			assert_noop!(
				Staking::bond(RuntimeOrigin::signed(20), MIN_STAKE),
				StakingError::InsufficientBalance
			);
			assert_ok!(Staking::bond(RuntimeOrigin::signed(1), MIN_STAKE));
			assert_noop!(
				Staking::bond(RuntimeOrigin::signed(1), MIN_STAKE),
				StakingError::AlreadyBonded
			);
			assert_noop!(Staking::bond(RuntimeOrigin::none(), MIN_STAKE), DispatchError::BadOrigin);
		});
	}

	#[test]
	fn bond_fails_whole_when_the_candidate_list_is_full() {
		new_test_ext().execute_with(|| {
			for who in 1..=8 {
				assert_ok!(Staking::bond(RuntimeOrigin::signed(who), MIN_STAKE));
			}
			assert_noop!(
				Staking::bond(RuntimeOrigin::signed(9), MIN_STAKE),
				StakingError::TooManyCandidates
			);
			assert_eq!(held(9), 0);
			assert_eq!(candidates(), (1..=8).collect::<Vec<_>>());
		});
	}

	#[test]
	fn bond_extra_adds_active_stake() {
		new_test_ext().execute_with(|| {
			assert_noop!(Staking::bond_extra(RuntimeOrigin::signed(1), 5), StakingError::NotStaker);
			assert_ok!(Staking::bond(RuntimeOrigin::signed(1), MIN_STAKE));
			assert_noop!(
				Staking::bond_extra(RuntimeOrigin::signed(1), 0),
				StakingError::ZeroAmount
			);
			assert_ok!(Staking::bond_extra(RuntimeOrigin::signed(1), 5));
			assert_eq!(ledger(1).active, MIN_STAKE + 5);
			assert_eq!(held(1), MIN_STAKE + 5);
			assert_noop!(
				Staking::bond_extra(RuntimeOrigin::signed(1), ENDOWMENT),
				StakingError::InsufficientBalance
			);
		});
	}
}

mod unbonding {
	use super::*;

	#[test]
	fn unbond_moves_stake_into_a_chunk_that_stays_held() {
		new_test_ext().execute_with(|| {
			assert_ok!(Staking::bond(RuntimeOrigin::signed(1), 300));
			assert_ok!(Staking::unbond(RuntimeOrigin::signed(1), 50));
			assert_ok!(Staking::unbond(RuntimeOrigin::signed(1), 25));
			assert_eq!(ledger(1).active, 225);
			assert_eq!(chunks(1), vec![(75, 1 + UNBONDING)]);
			System::set_block_number(2);
			assert_ok!(Staking::unbond(RuntimeOrigin::signed(1), 10));
			assert_eq!(chunks(1), vec![(75, 1 + UNBONDING), (10, 2 + UNBONDING)]);
			assert_eq!(held(1), 300);
			assert_eq!(ledger(1).total(), 300);
			assert!(staking_events().contains(&Event::Unbonded {
				staker: 1,
				amount: 10,
				unlocks_at: 2 + UNBONDING
			}));
		});
	}

	#[test]
	fn unbond_keeps_the_minimum_or_everything() {
		new_test_ext().execute_with(|| {
			assert_noop!(Staking::unbond(RuntimeOrigin::signed(1), 1), StakingError::NotStaker);
			assert_ok!(Staking::bond(RuntimeOrigin::signed(1), 150));
			assert_noop!(Staking::unbond(RuntimeOrigin::signed(1), 0), StakingError::ZeroAmount);
			assert_noop!(
				Staking::unbond(RuntimeOrigin::signed(1), 151),
				StakingError::InsufficientActiveStake
			);
			assert_noop!(
				Staking::unbond(RuntimeOrigin::signed(1), 51),
				StakingError::RemainderBelowMinStake
			);
			assert_ok!(Staking::unbond(RuntimeOrigin::signed(1), 50));
			assert_eq!(candidates(), vec![1]);
			assert_ok!(Staking::unbond(RuntimeOrigin::signed(1), 100));
			assert_eq!(ledger(1).active, 0);
			assert_eq!(candidates(), Vec::<AccountId>::new());
			assert_eq!(staking_events().last(), Some(&Event::Chilled { staker: 1 }));
		});
	}

	#[test]
	fn a_node_serving_policies_keeps_the_minimum() {
		new_test_ext().execute_with(|| {
			assert_ok!(Staking::bond(RuntimeOrigin::signed(1), 150));
			ServingPolicies::mutate(|nodes| nodes.push(1));
			assert_noop!(
				Staking::unbond(RuntimeOrigin::signed(1), 150),
				StakingError::ServesLivePolicies
			);
			assert_noop!(
				Staking::unbond(RuntimeOrigin::signed(1), 51),
				StakingError::ServesLivePolicies
			);
			assert_ok!(Staking::unbond(RuntimeOrigin::signed(1), 50));
			ServingPolicies::take();
			assert_ok!(Staking::unbond(RuntimeOrigin::signed(1), 100));
		});
	}

	#[test]
	fn unlocking_chunks_are_bounded() {
		new_test_ext().execute_with(|| {
			assert_ok!(Staking::bond(RuntimeOrigin::signed(1), 1_000));
			for block in 1..=4 {
				System::set_block_number(block);
				assert_ok!(Staking::unbond(RuntimeOrigin::signed(1), 10));
			}
			System::set_block_number(5);
			assert_noop!(
				Staking::unbond(RuntimeOrigin::signed(1), 10),
				StakingError::TooManyUnlockingChunks
			);
			System::set_block_number(4 + UNBONDING);
			assert_ok!(Staking::withdraw_unbonded(RuntimeOrigin::signed(1)));
			assert_ok!(Staking::unbond(RuntimeOrigin::signed(1), 10));
		});
	}

	#[test]
	fn withdraw_releases_only_unlocked_chunks() {
		new_test_ext().execute_with(|| {
			assert_noop!(
				Staking::withdraw_unbonded(RuntimeOrigin::signed(1)),
				StakingError::NotStaker
			);
			assert_ok!(Staking::bond(RuntimeOrigin::signed(1), 300));
			assert_ok!(Staking::unbond(RuntimeOrigin::signed(1), 50));
			System::set_block_number(3);
			assert_ok!(Staking::unbond(RuntimeOrigin::signed(1), 20));
			System::set_block_number(UNBONDING);
			assert_noop!(
				Staking::withdraw_unbonded(RuntimeOrigin::signed(1)),
				StakingError::NothingToWithdraw
			);
			System::set_block_number(1 + UNBONDING);
			assert_ok!(Staking::withdraw_unbonded(RuntimeOrigin::signed(1)));
			assert_eq!(held(1), 250);
			assert_eq!(Balances::balance(&1), ENDOWMENT - 250);
			assert_eq!(chunks(1), vec![(20, 3 + UNBONDING)]);
			assert_eq!(staking_events().last(), Some(&Event::Withdrawn { staker: 1, amount: 50 }));
		});
	}

	#[test]
	fn withdrawing_everything_removes_the_staker_and_frees_its_umbral_key() {
		new_test_ext().execute_with(|| {
			stake(1, 100);
			assert_ok!(Staking::unbond(RuntimeOrigin::signed(1), 100));
			System::set_block_number(1 + UNBONDING);
			assert_ok!(Staking::withdraw_unbonded(RuntimeOrigin::signed(1)));
			assert!(Ledger::<Test>::get(1).is_none());
			assert!(UmbralKeys::<Test>::get(1).is_none());
			assert_eq!(held(1), 0);
			assert_eq!(Balances::balance(&1), ENDOWMENT);
			assert_eq!(staking_events().last(), Some(&Event::StakerRemoved { staker: 1 }));
			// The key is free for someone else.
			assert_ok!(Staking::bond(RuntimeOrigin::signed(2), 100));
			assert_ok!(Staking::set_umbral_key(RuntimeOrigin::signed(2), umbral_key(1)));
		});
	}

	#[test]
	fn rebond_takes_the_latest_chunks_first() {
		new_test_ext().execute_with(|| {
			assert_ok!(Staking::bond(RuntimeOrigin::signed(1), 300));
			assert_noop!(
				Staking::rebond(RuntimeOrigin::signed(1), 10),
				StakingError::NothingToRebond
			);
			assert_ok!(Staking::unbond(RuntimeOrigin::signed(1), 50));
			System::set_block_number(2);
			assert_ok!(Staking::unbond(RuntimeOrigin::signed(1), 30));
			assert_ok!(Staking::rebond(RuntimeOrigin::signed(1), 40));
			assert_eq!(ledger(1).active, 260);
			assert_eq!(chunks(1), vec![(40, 1 + UNBONDING)]);
			// More than is unlocking rebonds what there is.
			assert_ok!(Staking::rebond(RuntimeOrigin::signed(1), 1_000));
			assert_eq!(ledger(1).active, 300);
			assert_eq!(staking_events().last(), Some(&Event::Rebonded { staker: 1, amount: 40 }));
			assert_noop!(Staking::rebond(RuntimeOrigin::signed(1), 0), StakingError::ZeroAmount);
		});
	}
}

mod candidacy {
	use super::*;

	#[test]
	fn chill_and_validate() {
		new_test_ext().execute_with(|| {
			assert_noop!(Staking::chill(RuntimeOrigin::signed(1)), StakingError::NotStaker);
			assert_noop!(Staking::validate(RuntimeOrigin::signed(1)), StakingError::NotStaker);
			assert_ok!(Staking::bond(RuntimeOrigin::signed(1), 150));
			assert_noop!(
				Staking::validate(RuntimeOrigin::signed(1)),
				StakingError::AlreadyValidating
			);
			assert_ok!(Staking::chill(RuntimeOrigin::signed(1)));
			assert_eq!(candidates(), Vec::<AccountId>::new());
			assert_noop!(Staking::chill(RuntimeOrigin::signed(1)), StakingError::NotValidating);
			assert_ok!(Staking::validate(RuntimeOrigin::signed(1)));
			assert_eq!(candidates(), vec![1]);
		});
	}

	#[test]
	fn validate_needs_the_minimum_and_room() {
		new_test_ext().execute_with(|| {
			assert_ok!(Staking::bond(RuntimeOrigin::signed(1), 100));
			assert_ok!(Staking::unbond(RuntimeOrigin::signed(1), 100));
			assert_noop!(Staking::validate(RuntimeOrigin::signed(1)), StakingError::BelowMinStake);
			assert_ok!(Staking::rebond(RuntimeOrigin::signed(1), 100));
			for who in 2..=9 {
				assert_ok!(Staking::bond(RuntimeOrigin::signed(who), 100));
			}
			assert_noop!(
				Staking::validate(RuntimeOrigin::signed(1)),
				StakingError::TooManyCandidates
			);
		});
	}

	#[test]
	fn candidates_stay_sorted() {
		new_test_ext().execute_with(|| {
			for who in [5, 2, 9, 1] {
				assert_ok!(Staking::bond(RuntimeOrigin::signed(who), 100));
			}
			assert_eq!(candidates(), vec![1, 2, 5, 9]);
			assert_ok!(Staking::chill(RuntimeOrigin::signed(2)));
			assert_eq!(candidates(), vec![1, 5, 9]);
		});
	}
}

mod umbral_keys {
	use super::*;

	#[test]
	fn the_staker_sets_and_replaces_its_key() {
		new_test_ext().execute_with(|| {
			assert_ok!(Staking::bond(RuntimeOrigin::signed(1), 100));
			assert_ok!(Staking::set_umbral_key(RuntimeOrigin::signed(1), umbral_key(1)));
			assert_ok!(Staking::set_umbral_key(RuntimeOrigin::signed(1), umbral_key(2)));
			assert_eq!(UmbralKeys::<Test>::get(1), Some(umbral_key(2)));
			assert_eq!(UmbralKeyOwners::<Test>::get(umbral_key(1)), None);
			assert_eq!(UmbralKeyOwners::<Test>::get(umbral_key(2)), Some(1));
			assert_eq!(
				staking_events().last(),
				Some(&Event::UmbralKeySet { staker: 1, key: umbral_key(2) })
			);
			// Setting the same key again is harmless.
			assert_ok!(Staking::set_umbral_key(RuntimeOrigin::signed(1), umbral_key(2)));
		});
	}

	#[test]
	fn the_node_key_sets_its_stakers_key() {
		new_test_ext().execute_with(|| {
			assert_ok!(Staking::bond(RuntimeOrigin::signed(1), 100));
			let node = register_keys(1);
			assert_ok!(Staking::set_umbral_key(RuntimeOrigin::signed(node), umbral_key(3)));
			assert_eq!(UmbralKeys::<Test>::get(1), Some(umbral_key(3)));
			assert_eq!(UmbralKeys::<Test>::get(node), None);
		});
	}

	#[test]
	fn bad_keys_and_callers_are_refused() {
		new_test_ext().execute_with(|| {
			assert_noop!(
				Staking::set_umbral_key(RuntimeOrigin::signed(1), umbral_key(1)),
				StakingError::NotStakerOrNodeKey
			);
			// A node key of an account that does not stake.
			let node = register_keys(1);
			assert_noop!(
				Staking::set_umbral_key(RuntimeOrigin::signed(node), umbral_key(1)),
				StakingError::NotStakerOrNodeKey
			);
			assert_ok!(Staking::bond(RuntimeOrigin::signed(1), 100));
			let mut beyond_p = [0xff; 33];
			beyond_p[0] = 2;
			for bad in [[0u8; 33], [4u8; 33], beyond_p, [0xff; 33]] {
				assert_noop!(
					Staking::set_umbral_key(RuntimeOrigin::signed(1), UmbralPublicKey(bad)),
					StakingError::InvalidUmbralKey
				);
			}
			assert_ok!(Staking::set_umbral_key(RuntimeOrigin::signed(1), umbral_key(1)));
			assert_ok!(Staking::bond(RuntimeOrigin::signed(2), 100));
			assert_noop!(
				Staking::set_umbral_key(RuntimeOrigin::signed(2), umbral_key(1)),
				StakingError::UmbralKeyInUse
			);
		});
	}
}

mod sessions {
	use super::*;
	use pallet_session::SessionManager;

	#[test]
	fn the_top_stakers_with_keys_are_elected() {
		new_test_ext().execute_with(|| {
			stake(1, 100);
			stake(2, 300);
			stake(3, 200);
			stake(4, 250);
			// Not eligible: no session keys, no Umbral key, below the minimum, chilled.
			assert_ok!(Staking::bond(RuntimeOrigin::signed(5), 1_000));
			assert_ok!(Staking::set_umbral_key(RuntimeOrigin::signed(5), umbral_key(5)));
			assert_ok!(Staking::bond(RuntimeOrigin::signed(6), 1_000));
			register_keys(6);
			stake(7, 100);
			Ledger::<Test>::mutate(7, |l| l.as_mut().unwrap().active = MIN_STAKE - 1);
			stake(8, 900);
			assert_ok!(Staking::chill(RuntimeOrigin::signed(8)));

			assert_eq!(Staking::new_session(1), Some(vec![2, 4, 3]));
			assert_eq!(
				PlannedNodes::<Test>::get().into_inner(),
				vec![(2, 300), (4, 250), (3, 200)]
			);
			assert!(staking_events().contains(&Event::NodesElected { session: 1, validators: 3 }));
		});
	}

	#[test]
	fn ties_go_to_the_lower_account() {
		new_test_ext().execute_with(|| {
			for who in [6, 3, 5, 4] {
				stake(who, 200);
			}
			assert_eq!(Staking::new_session(1), Some(vec![3, 4, 5]));
		});
	}

	#[test]
	fn a_rotation_activates_the_planned_set_and_reports_only_changes() {
		ExtBuilder::default().stakers(&[(1, 100), (2, 200)]).build().execute_with(|| {
			assert_eq!(Staking::new_session(1), Some(vec![2, 1]));
			Staking::start_session(1);
			assert_eq!(ActiveNodes::<Test>::get().into_inner(), vec![(2, 200), (1, 100)]);
			// Same members (even with other stakes): pallet-session is told nothing changed.
			assert_ok!(Staking::bond_extra(RuntimeOrigin::signed(1), 500));
			assert_eq!(rotate_to(2), None);
			assert_eq!(PlannedNodes::<Test>::get().into_inner(), vec![(1, 600), (2, 200)]);
			// A newcomer is planned for the session after the next.
			stake(3, 300);
			assert_eq!(rotate_to(3), Some(vec![1, 3, 2]));
			assert!(!<Staking as NodeRegistry<_>>::is_active(&3));
			rotate_to(4);
			assert!(<Staking as NodeRegistry<_>>::is_active(&3));
		});
	}

	#[test]
	fn a_chilled_validator_leaves_at_the_second_rotation() {
		ExtBuilder::default()
			.stakers(&[(1, 100), (2, 200), (3, 300)])
			.build()
			.execute_with(|| {
				rotate_to(1);
				assert_ok!(Staking::chill(RuntimeOrigin::signed(2)));
				assert_eq!(rotate_to(2), Some(vec![3, 1]));
				assert!(<Staking as NodeRegistry<_>>::is_active(&2));
				rotate_to(3);
				assert!(!<Staking as NodeRegistry<_>>::is_active(&2));
			});
	}

	#[test]
	fn nobody_eligible_keeps_the_current_set() {
		ExtBuilder::default().stakers(&[(1, 100)]).build().execute_with(|| {
			rotate_to(1);
			assert_ok!(Staking::chill(RuntimeOrigin::signed(1)));
			assert_eq!(rotate_to(2), None);
			assert_eq!(PlannedNodes::<Test>::get().into_inner(), vec![(1, 100)]);
			rotate_to(3);
			assert!(<Staking as NodeRegistry<_>>::is_active(&1));
		});
	}

	#[test]
	fn genesis_elects_sessions_zero_and_one() {
		ExtBuilder::default().stakers(&[(1, 100), (2, 200)]).build().execute_with(|| {
			assert_eq!(Staking::new_session_genesis(0), Some(vec![2, 1]));
			Staking::start_session(0);
			assert_eq!(<Staking as NodeRegistry<_>>::active_nodes(), vec![(2, 200), (1, 100)]);
			assert_eq!(held(2), 200);
			assert_eq!(UmbralKeys::<Test>::get(2), Some(umbral_key(2)));
			assert_eq!(SessionLengthOf::<Test>::get(), 5);
		});
	}

	#[test]
	fn the_session_reward_is_shared_by_elected_stake() {
		ExtBuilder::default().stakers(&[(1, 100), (2, 300)]).build().execute_with(|| {
			rotate_to(1);
			let issuance = Balances::total_issuance();
			// Zero by default: nothing minted.
			rotate_to(2);
			assert_eq!(Balances::total_issuance(), issuance);
			assert_noop!(
				Staking::set_session_reward(RuntimeOrigin::signed(1), 1_000),
				DispatchError::BadOrigin
			);
			assert_ok!(Staking::set_session_reward(RuntimeOrigin::root(), 1_001));
			rotate_to(3);
			assert_eq!(Balances::balance(&1), ENDOWMENT - 100 + 250);
			assert_eq!(Balances::balance(&2), ENDOWMENT - 300 + 750);
			assert_eq!(Balances::total_issuance(), issuance + 1_000);
			assert!(staking_events().contains(&Event::Rewarded { node: 2, amount: 750 }));
		});
	}
}

mod slashing {
	use super::*;

	/// Staker 1: 400 active, chunks of 100 (unlocking at 11) and 50 (at 12).
	fn staker_with_chunks() {
		assert_ok!(Staking::bond(RuntimeOrigin::signed(1), 550));
		assert_ok!(Staking::unbond(RuntimeOrigin::signed(1), 100));
		System::set_block_number(2);
		assert_ok!(Staking::unbond(RuntimeOrigin::signed(1), 50));
	}

	#[test]
	fn a_fraction_of_all_held_stake_rounded_down_active_first() {
		new_test_ext().execute_with(|| {
			staker_with_chunks();
			let issuance = Balances::total_issuance();
			// 77% of 550 = 423.5 → 423: all 400 active, then 23 from the latest chunk.
			let taken = <Staking as SlashStake<_>>::slash(
				&1,
				SlashAmount::Fraction(Perbill::from_percent(77)),
				SlashReason::IncorrectReencryption,
				None,
			);
			assert_eq!(taken, 423);
			assert_eq!(ledger(1).active, 0);
			assert_eq!(chunks(1), vec![(100, 11), (27, 12)]);
			assert_eq!(held(1), 127);
			assert_eq!(Balances::balance(&TREASURY), EXISTENTIAL_DEPOSIT + 423);
			assert_eq!(Balances::total_issuance(), issuance);
			assert_eq!(
				SlashHistory::<Test>::get(1).into_inner(),
				vec![SlashRecord {
					at: 2,
					amount: 423,
					reason: SlashReason::IncorrectReencryption,
					reporter: None,
					reporter_reward: 0,
				}]
			);
			// Below the minimum: chilled.
			assert_eq!(candidates(), Vec::<AccountId>::new());
		});
	}

	#[test]
	fn an_amount_reaches_into_every_chunk_and_stops_at_the_held_stake() {
		new_test_ext().execute_with(|| {
			staker_with_chunks();
			assert_eq!(
				Staking::do_slash(&1, SlashAmount::Amount(470), SlashReason::Unresponsive, None),
				470
			);
			assert_eq!(chunks(1), vec![(80, 11)]);
			assert_eq!(
				Staking::do_slash(&1, SlashAmount::Amount(1_000), SlashReason::Unresponsive, None),
				80
			);
			assert!(ledger(1).is_empty());
			assert_eq!(held(1), 0);
			assert_eq!(
				Staking::do_slash(&1, SlashAmount::Amount(1), SlashReason::Unresponsive, None),
				0
			);
			// A non-staker loses nothing.
			assert_eq!(
				Staking::do_slash(&2, SlashAmount::Amount(1), SlashReason::Unresponsive, None),
				0
			);
			// An emptied staker can leave.
			assert_ok!(Staking::withdraw_unbonded(RuntimeOrigin::signed(1)));
			assert!(Ledger::<Test>::get(1).is_none());
		});
	}

	#[test]
	fn the_reporter_gets_its_fraction_rounded_down() {
		new_test_ext().execute_with(|| {
			assert_ok!(Staking::bond(RuntimeOrigin::signed(1), 1_000));
			let taken = Staking::do_slash(
				&1,
				SlashAmount::Amount(255),
				SlashReason::IncorrectReencryption,
				Some(&3),
			);
			assert_eq!(taken, 255);
			assert_eq!(Balances::balance(&3), ENDOWMENT + 25);
			assert_eq!(Balances::balance(&TREASURY), EXISTENTIAL_DEPOSIT + 230);
			assert_eq!(ledger(1).active, 745);
			assert_eq!(candidates(), vec![1]);
			assert_eq!(
				staking_events().last(),
				Some(&Event::Slashed {
					staker: 1,
					amount: 255,
					reason: SlashReason::IncorrectReencryption,
					reporter: Some(3),
					reporter_reward: 25,
				})
			);
		});
	}

	#[test]
	fn a_reward_the_reporter_cannot_take_goes_to_the_destination() {
		new_test_ext().execute_with(|| {
			assert_ok!(Staking::bond(RuntimeOrigin::signed(1), 1_000));
			// 10% of 40 is below the existential deposit of the new account 50.
			Staking::do_slash(&1, SlashAmount::Amount(40), SlashReason::Unresponsive, Some(&50));
			assert_eq!(Balances::balance(&50), 0);
			assert_eq!(Balances::balance(&TREASURY), EXISTENTIAL_DEPOSIT + 40);
			assert_eq!(SlashHistory::<Test>::get(1)[0].reporter_reward, 0);
		});
	}

	#[test]
	fn the_history_keeps_the_latest_slashes() {
		new_test_ext().execute_with(|| {
			assert_ok!(Staking::bond(RuntimeOrigin::signed(1), 1_000));
			for amount in 1..=4 {
				Staking::do_slash(&1, SlashAmount::Amount(amount), SlashReason::Unresponsive, None);
			}
			let amounts: Vec<_> = SlashHistory::<Test>::get(1).iter().map(|r| r.amount).collect();
			assert_eq!(amounts, vec![2, 3, 4]);
		});
	}

	#[test]
	fn offences_slash_by_the_growth_of_their_fraction() {
		new_test_ext().execute_with(|| {
			assert_ok!(Staking::bond(RuntimeOrigin::signed(1), 1_000));
			assert_ok!(Staking::bond(RuntimeOrigin::signed(2), 1_000));
			let offender = |who| OffenceDetails { offender: (who, ()), reporters: vec![3] };
			Staking::on_offence(&[offender(1)], &[Perbill::from_percent(10)], 7);
			assert_eq!(ledger(1).active, 900);
			assert_eq!(Balances::balance(&3), ENDOWMENT + 10);
			// Reported again with a second offender: 1 only pays the 15% growth, of what it
			// holds now.
			Staking::on_offence(
				&[offender(1), offender(2)],
				&[Perbill::from_percent(25), Perbill::from_percent(25)],
				7,
			);
			assert_eq!(ledger(1).active, 900 - 135);
			assert_eq!(ledger(2).active, 750);
			assert_eq!(SlashHistory::<Test>::get(2)[0].reason, SlashReason::Equivocation);
			// The same fraction again changes nothing.
			Staking::on_offence(&[offender(2)], &[Perbill::from_percent(25)], 7);
			assert_eq!(ledger(2).active, 750);
		});
	}
}

mod queries {
	use super::*;

	#[test]
	fn node_registry_answers() {
		ExtBuilder::default().stakers(&[(1, 100), (2, 200)]).build().execute_with(|| {
			rotate_to(1);
			rotate_to(2);
			assert!(<Staking as NodeRegistry<_>>::is_active(&1));
			assert!(!<Staking as NodeRegistry<_>>::is_active(&3));
			assert_eq!(<Staking as NodeRegistry<_>>::stake_of(&2), 200);
			assert_eq!(<Staking as NodeRegistry<_>>::stake_of(&3), 0);
			assert_eq!(<Staking as NodeRegistry<_>>::umbral_key_of(&1), Some(umbral_key(1)));
			assert_eq!(<Staking as NodeRegistry<_>>::active_nodes(), vec![(2, 200), (1, 100)]);
			let node =
				nkms_primitives::NodeKey::from(sp_core::sr25519::Public::from_raw([9u8; 32]));
			assert_eq!(<Staking as NodeRegistry<_>>::staker_of_node_key(&node), None);
			NodeKeys::mutate(|keys| keys.push(([9u8; 32].to_vec(), 2)));
			assert_eq!(<Staking as NodeRegistry<_>>::staker_of_node_key(&node), Some(2));
		});
	}

	#[test]
	fn samples_are_distinct_deterministic_and_bounded() {
		ExtBuilder::default()
			.stakers(&[(1, 100), (2, 200), (3, 300)])
			.build()
			.execute_with(|| {
				rotate_to(1);
				rotate_to(2);
				let sample = Staking::sample(&[7; 32], 3).unwrap();
				let mut sorted = sample.clone();
				sorted.sort();
				assert_eq!(sorted, vec![1, 2, 3]);
				assert_eq!(Staking::sample(&[7; 32], 2).unwrap(), sample[..2].to_vec());
				assert_eq!(
					Staking::sample(&[7; 32], 4),
					Err(SampleError::NotEnoughNodes { active: 3 })
				);
				assert_eq!(Staking::sample(&[7; 32], 0), Ok(vec![]));
			});
	}

	#[test]
	fn samples_follow_stake() {
		ExtBuilder::default().stakers(&[(1, 100), (2, 900)]).build().execute_with(|| {
			rotate_to(1);
			rotate_to(2);
			let first_is_2 = (0..2_000u32)
				.filter(|i| {
					let mut seed = [0u8; 32];
					seed[..4].copy_from_slice(&i.to_le_bytes());
					Staking::sample(&seed, 1).unwrap() == vec![2]
				})
				.count();
			// Expected 1 800; 5 standard deviations (13.4 each) either side.
			assert!((1_733..=1_867).contains(&first_is_2), "{first_is_2}");
		});
	}

	#[test]
	fn rewards_are_paid_to_stakers_only() {
		new_test_ext().execute_with(|| {
			assert_ok!(Staking::bond(RuntimeOrigin::signed(1), 100));
			assert_ok!(<Staking as RewardNode<_>>::reward(&1, &4, 40));
			assert_eq!(Balances::balance(&4), ENDOWMENT - 40);
			assert_eq!(Balances::balance(&1), ENDOWMENT - 100 + 40);
			assert_eq!(staking_events().last(), Some(&Event::Rewarded { node: 1, amount: 40 }));
			assert_eq!(
				<Staking as RewardNode<_>>::reward(&2, &4, 40),
				Err(StakingError::NotStaker.into())
			);
			assert_eq!(
				<Staking as RewardNode<_>>::reward(&1, &30, 40),
				Err(TokenError::FundsUnavailable.into())
			);
		});
	}
}

mod ledger {
	use super::*;

	type TestLedger = StakeLedger<u64, u64, frame_support::traits::ConstU32<2>>;

	#[test]
	fn ledger_arithmetic() {
		let mut ledger = TestLedger::new(100);
		assert_eq!(ledger.unbond(10, 5), Ok(()));
		assert_eq!(ledger.unbond(10, 5), Ok(()));
		assert_eq!(ledger.unbond(10, 6), Ok(()));
		assert_eq!(ledger.unbond(10, 7), Err(()));
		assert_eq!((ledger.active, ledger.total()), (70, 100));
		assert_eq!(ledger.withdraw_unlocked(5), 20);
		assert_eq!(ledger.withdraw_unlocked(5), 0);
		assert_eq!(ledger.rebond(4), 4);
		assert_eq!(ledger.slash(80), 80);
		assert_eq!((ledger.active, ledger.total()), (0, 0));
		assert!(ledger.is_empty());
		assert_eq!(ledger.slash(1), 0);
	}
}
