//! Unit tests on the mock runtime.

use frame_support::{
	assert_noop, assert_ok,
	traits::{
		fungible::{Inspect, InspectHold, MutateHold},
		tokens::Precision,
	},
};
use sp_runtime::{DispatchError, Perbill, TokenError};
use sp_staking::offence::{OffenceDetails, OnOffenceHandler};

use frame_support::traits::Get;
use nkms_primitives::{staking::umbral_key_proof_message, UmbralPublicKey, UmbralSignature};

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
	Candidates::<Test>::get().iter().map(|(who, _)| *who).collect()
}

fn wants_to_validate(who: AccountId) -> bool {
	ledger(who).wants_to_validate
}

/// A staker with keys and an Umbral key, bonded in a test.
fn stake(who: AccountId, amount: Balance) {
	assert_ok!(Staking::bond(RuntimeOrigin::signed(who), amount));
	assert_ok!(set_key(who, who, who as u8));
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
			assert_ok!(set_key(2, 2, 1));
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
	fn validate_needs_the_minimum() {
		new_test_ext().execute_with(|| {
			assert_ok!(Staking::bond(RuntimeOrigin::signed(1), 100));
			assert_ok!(Staking::unbond(RuntimeOrigin::signed(1), 100));
			assert_noop!(Staking::validate(RuntimeOrigin::signed(1)), StakingError::BelowMinStake);
			assert_ok!(Staking::rebond(RuntimeOrigin::signed(1), 100));
			// Rebonding does not bring back the wish to validate that unbonding ended.
			assert_eq!(candidates(), Vec::<AccountId>::new());
			assert_ok!(Staking::validate(RuntimeOrigin::signed(1)));
			assert_eq!(candidates(), vec![1]);
		});
	}

	#[test]
	fn candidates_are_ranked_by_stake_then_account() {
		new_test_ext().execute_with(|| {
			for who in [5, 2, 9, 1] {
				assert_ok!(Staking::bond(RuntimeOrigin::signed(who), 100));
			}
			assert_eq!(candidates(), vec![1, 2, 5, 9]);
			assert_ok!(Staking::chill(RuntimeOrigin::signed(2)));
			assert_eq!(candidates(), vec![1, 5, 9]);
			// Every change of active stake re-ranks.
			assert_ok!(Staking::bond_extra(RuntimeOrigin::signed(9), 50));
			assert_eq!(Candidates::<Test>::get().into_inner(), vec![(9, 150), (1, 100), (5, 100)]);
			assert_ok!(Staking::unbond(RuntimeOrigin::signed(9), 40));
			assert_eq!(candidates(), vec![9, 1, 5]);
			assert_ok!(Staking::rebond(RuntimeOrigin::signed(9), 40));
			Staking::do_slash(&9, SlashAmount::Amount(50), SlashReason::Unresponsive, None);
			assert_eq!(Candidates::<Test>::get().into_inner(), vec![(1, 100), (5, 100), (9, 100)]);
		});
	}

	/// Accounts 1..=8 bond `100 + who` each: the list (of 8) is full, 1 is the weakest.
	fn full_list() {
		for who in 1..=8 {
			assert_ok!(Staking::bond(RuntimeOrigin::signed(who), 100 + who));
		}
		assert_eq!(candidates(), vec![8, 7, 6, 5, 4, 3, 2, 1]);
	}

	#[test]
	fn a_bond_with_more_stake_than_the_weakest_evicts_it() {
		new_test_ext().execute_with(|| {
			full_list();
			assert_ok!(Staking::bond(RuntimeOrigin::signed(9), 102));
			assert_eq!(candidates(), vec![8, 7, 6, 5, 4, 3, 2, 9]);
			assert_eq!(
				staking_events()[staking_events().len() - 2..],
				[Event::Validating { staker: 9 }, Event::CandidateEvicted { staker: 1, by: 9 }]
			);
			// The evicted staker keeps its stake and its wish to validate.
			assert_eq!(held(1), 101);
			assert_eq!(ledger(1).active, 101);
			assert!(wants_to_validate(1));
		});
	}

	#[test]
	fn a_bond_without_more_stake_than_the_weakest_waits() {
		new_test_ext().execute_with(|| {
			full_list();
			// Equal stake does not evict: the incumbent stays.
			assert_ok!(Staking::bond(RuntimeOrigin::signed(9), 101));
			assert_eq!(candidates(), vec![8, 7, 6, 5, 4, 3, 2, 1]);
			assert_eq!(held(9), 101);
			assert!(wants_to_validate(9));
			assert_eq!(staking_events().last(), Some(&Event::Waiting { staker: 9 }));
			// Its next bond_extra makes it outrank the weakest.
			assert_ok!(Staking::bond_extra(RuntimeOrigin::signed(9), 1));
			assert_eq!(candidates(), vec![8, 7, 6, 5, 4, 3, 2, 9]);
			assert!(staking_events().contains(&Event::CandidateEvicted { staker: 1, by: 9 }));
		});
	}

	#[test]
	fn an_evicted_staker_comes_back_by_outranking_someone() {
		new_test_ext().execute_with(|| {
			full_list();
			assert_ok!(Staking::bond(RuntimeOrigin::signed(9), 500));
			assert!(!candidates().contains(&1));
			// Still outranked: validate says so and changes nothing.
			assert_noop!(
				Staking::validate(RuntimeOrigin::signed(1)),
				StakingError::OutrankedByAllCandidates
			);
			// A bond_extra that is not enough keeps it waiting; one that is gets it in.
			assert_ok!(Staking::bond_extra(RuntimeOrigin::signed(1), 1));
			assert!(!candidates().contains(&1));
			assert_ok!(Staking::bond_extra(RuntimeOrigin::signed(1), 1));
			assert_eq!(candidates(), vec![9, 8, 7, 6, 5, 4, 1, 3]);
			assert!(staking_events().contains(&Event::CandidateEvicted { staker: 2, by: 1 }));
			// Rebonding works the same way: 8 unbonds to the bottom and is evicted...
			assert_ok!(Staking::unbond(RuntimeOrigin::signed(8), 8));
			assert_eq!(candidates().last(), Some(&8));
			assert_ok!(Staking::bond(RuntimeOrigin::signed(10), 200));
			assert!(!candidates().contains(&8));
			// ...and rebonding makes it outrank the weakest again.
			assert_ok!(Staking::rebond(RuntimeOrigin::signed(8), 8));
			assert!(candidates().contains(&8));
			assert!(staking_events().contains(&Event::CandidateEvicted { staker: 3, by: 8 }));
			// A place that frees up goes to whoever asks first.
			assert_ok!(Staking::chill(RuntimeOrigin::signed(10)));
			assert_ok!(Staking::validate(RuntimeOrigin::signed(3)));
			assert!(candidates().contains(&3));
		});
	}

	#[test]
	fn validate_on_a_full_list_evicts_or_waits() {
		new_test_ext().execute_with(|| {
			full_list();
			assert_ok!(Staking::bond(RuntimeOrigin::signed(9), 300));
			assert_ok!(Staking::bond(RuntimeOrigin::signed(10), 100));
			assert_ok!(Staking::chill(RuntimeOrigin::signed(9)));
			assert_ok!(Staking::chill(RuntimeOrigin::signed(10)));
			assert_ok!(Staking::validate(RuntimeOrigin::signed(1)));
			assert_ok!(Staking::validate(RuntimeOrigin::signed(9)));
			assert_eq!(candidates()[0], 9);
			// The list is full again: 10 has less than the weakest and waits.
			assert_eq!(candidates().len(), 8);
			assert_ok!(Staking::validate(RuntimeOrigin::signed(10)));
			assert!(!candidates().contains(&10));
			assert!(wants_to_validate(10));
			assert_eq!(staking_events().last(), Some(&Event::Waiting { staker: 10 }));
			assert_noop!(
				Staking::validate(RuntimeOrigin::signed(10)),
				StakingError::OutrankedByAllCandidates
			);
			assert_noop!(
				Staking::validate(RuntimeOrigin::signed(9)),
				StakingError::AlreadyValidating
			);
			// Chilling a waiting staker ends its wish.
			assert_ok!(Staking::chill(RuntimeOrigin::signed(10)));
			assert!(!wants_to_validate(10));
			assert_ok!(Staking::bond_extra(RuntimeOrigin::signed(10), 1_000));
			assert!(!candidates().contains(&10));
		});
	}

	#[test]
	fn no_number_of_small_stakes_keeps_a_larger_one_out() {
		new_test_ext().execute_with(|| {
			// Eight minimum stakes fill the list; each newcomer with more takes a place.
			for who in 1..=8 {
				assert_ok!(Staking::bond(RuntimeOrigin::signed(who), MIN_STAKE));
			}
			assert_ok!(Staking::bond(RuntimeOrigin::signed(9), MIN_STAKE + 1));
			assert_ok!(Staking::bond(RuntimeOrigin::signed(10), MIN_STAKE + 2));
			assert_eq!(candidates(), vec![10, 9, 1, 2, 3, 4, 5, 6]);
			for who in [7, 8] {
				assert!(wants_to_validate(who));
				assert_eq!(held(who), MIN_STAKE);
			}
		});
	}
}

mod umbral_keys {
	use super::*;

	#[test]
	fn the_staker_sets_and_replaces_its_key() {
		new_test_ext().execute_with(|| {
			assert_ok!(Staking::bond(RuntimeOrigin::signed(1), 100));
			assert_ok!(set_key(1, 1, 1));
			assert_ok!(set_key(1, 1, 2));
			assert_eq!(UmbralKeys::<Test>::get(1), Some(umbral_key(2)));
			assert_eq!(UmbralKeyOwners::<Test>::get(umbral_key(1)), None);
			assert_eq!(UmbralKeyOwners::<Test>::get(umbral_key(2)), Some(1));
			assert_eq!(
				staking_events().last(),
				Some(&Event::UmbralKeySet { staker: 1, key: umbral_key(2) })
			);
			// Setting the same key again is harmless.
			assert_ok!(set_key(1, 1, 2));
		});
	}

	#[test]
	fn the_node_key_sets_its_stakers_key() {
		new_test_ext().execute_with(|| {
			assert_ok!(Staking::bond(RuntimeOrigin::signed(1), 100));
			let node = register_keys(1);
			assert_ok!(set_key(node, 1, 3));
			assert_eq!(UmbralKeys::<Test>::get(1), Some(umbral_key(3)));
			assert_eq!(UmbralKeys::<Test>::get(node), None);
		});
	}

	#[test]
	fn bad_keys_and_callers_are_refused() {
		new_test_ext().execute_with(|| {
			assert_noop!(set_key(1, 1, 1), StakingError::NotStakerOrNodeKey);
			// A node key of an account that does not stake.
			let node = register_keys(1);
			assert_noop!(set_key(node, 1, 1), StakingError::NotStakerOrNodeKey);
			assert_ok!(Staking::bond(RuntimeOrigin::signed(1), 100));
			let mut beyond_p = [0xff; 33];
			beyond_p[0] = 2;
			for bad in [[0u8; 33], [4u8; 33], beyond_p, [0xff; 33]] {
				assert_noop!(
					Staking::set_umbral_key(
						RuntimeOrigin::signed(1),
						UmbralPublicKey(bad),
						key_proof(1, 1)
					),
					StakingError::InvalidUmbralKey
				);
			}
			assert_ok!(set_key(1, 1, 1));
			assert_ok!(Staking::bond(RuntimeOrigin::signed(2), 100));
			// Only a staker that holds the secret key can even try to take it.
			assert_noop!(set_key(2, 2, 1), StakingError::UmbralKeyInUse);
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
			// Not eligible: no session keys, no Umbral key, chilled.
			assert_ok!(Staking::bond(RuntimeOrigin::signed(5), 1_000));
			assert_ok!(set_key(5, 5, 5));
			assert_ok!(Staking::bond(RuntimeOrigin::signed(6), 1_000));
			register_keys(6);
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
	fn a_raised_minimum_applies_at_the_next_election() {
		new_test_ext().execute_with(|| {
			stake(1, 100);
			stake(2, 200);
			// A runtime upgrade raises the minimum: 1 stays a candidate but is not elected.
			RequiredStake::set(150);
			assert_eq!(Staking::new_session(1), Some(vec![2]));
			assert_eq!(candidates(), vec![2, 1]);
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
				assert_eq!(ActiveStake::<Test>::iter().collect::<Vec<_>>().len(), 2);
				assert_eq!(ActiveStake::<Test>::get(3), Some(300));
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
	fn genesis_stakers_need_their_umbral_keys_from_the_first_rotation_on() {
		let build = ExtBuilder::default().stakers(&[(1, 100), (2, 200)]).without_umbral_keys();
		build.build().execute_with(|| {
			assert_eq!(Staking::new_session_genesis(0), Some(vec![2, 1]));
			Staking::start_session(0);
			assert_eq!(<Staking as NodeRegistry<_>>::active_nodes(), vec![(2, 200), (1, 100)]);
			assert_eq!(UmbralKeys::<Test>::get(1), None);
			assert_ok!(set_key(1, 1, 1));
			assert_eq!(rotate_to(1), Some(vec![1]), "2 has no Umbral key");
		});
	}

	#[test]
	fn the_nkms_key_account_is_kept_alive_while_its_staker_stakes() {
		new_test_ext().execute_with(|| {
			let sufficients = |who: AccountId| System::sufficients(&who);
			stake(1, 100);
			let node = node_account(1);
			assert_eq!(sufficients(node), 0, "not before an election or validate");
			rotate_to(1);
			assert_eq!(NodeKeyAccounts::<Test>::get(1), Some(node));
			assert_eq!(sufficients(node), 1);
			assert!(
				staking_events().contains(&Event::NodeKeyAccountKept { staker: 1, account: node })
			);
			rotate_to(2);
			assert_eq!(sufficients(node), 1, "taken once");

			// A new nkms key: the reference moves at the next election...
			NodeKeys::mutate(|keys| keys.push((77u64.to_le_bytes().to_vec(), 1)));
			rotate_to(3);
			assert_eq!((sufficients(node), sufficients(77)), (0, 1));
			// ...or when the staker validates.
			stake(2, 100);
			assert_ok!(Staking::chill(RuntimeOrigin::signed(2)));
			assert_ok!(Staking::validate(RuntimeOrigin::signed(2)));
			assert_eq!(sufficients(node_account(2)), 1);

			// And goes with the staker.
			assert_ok!(Staking::unbond(RuntimeOrigin::signed(2), 100));
			System::set_block_number(System::block_number() + UNBONDING);
			assert_ok!(Staking::withdraw_unbonded(RuntimeOrigin::signed(2)));
			assert_eq!(NodeKeyAccounts::<Test>::get(2), None);
			assert_eq!(sufficients(node_account(2)), 0);
			assert!(staking_events()
				.contains(&Event::NodeKeyAccountReleased { staker: 2, account: node_account(2) }));
		});
	}

	#[test]
	fn a_key_change_is_feeless_only_when_it_changes_something_once_a_session() {
		ExtBuilder::default().stakers(&[(1, 100), (2, 200)]).build().execute_with(|| {
			let change = |who: AccountId, key: UmbralPublicKey, proof| {
				Staking::is_key_change(&RuntimeOrigin::signed(who), &key, &proof)
			};
			assert!(change(1, umbral_key(3), key_proof(3, 1)));
			assert!(
				change(node_account(1), umbral_key(3), key_proof(3, 1)),
				"through the nkms key"
			);
			assert!(!change(1, umbral_key(1), key_proof(1, 1)), "its key already");
			assert!(!change(1, umbral_key(2), key_proof(2, 1)), "another staker's key");
			assert!(!change(1, UmbralPublicKey::from([5; 33]), key_proof(5, 1)), "not a point");
			assert!(!change(3, umbral_key(3), key_proof(3, 3)), "not a staker");
			assert!(!change(1, umbral_key(3), key_proof(3, 2)), "a proof for another staker");
			assert!(!change(1, umbral_key(3), key_proof(4, 1)), "a proof by another key");
			assert!(!Staking::is_key_change(
				&RuntimeOrigin::root(),
				&umbral_key(3),
				&key_proof(3, 1)
			));

			// One change a session is free; the next one pays, until the next session.
			assert_ok!(set_key(1, 1, 3));
			assert!(!change(1, umbral_key(4), key_proof(4, 1)), "a second change this session");
			assert_ok!(set_key(1, 1, 4));
			rotate_to(1);
			assert!(change(1, umbral_key(5), key_proof(5, 1)), "the first change of a new session");
		});
	}

	#[test]
	fn a_key_is_registered_only_with_its_proof_of_possession() {
		ExtBuilder::default().stakers(&[(1, 100), (2, 200)]).build().execute_with(|| {
			// Staker 2 tries to squat staker 3's future key, and to take staker 1's: without the
			// secret it can sign for neither.
			let squat = |key: u8, signer: u8| {
				Staking::set_umbral_key(
					RuntimeOrigin::signed(2),
					umbral_key(key),
					key_proof(signer, 2),
				)
			};
			assert_noop!(squat(7, 2), StakingError::InvalidKeyProof);
			assert_noop!(squat(1, 2), StakingError::InvalidKeyProof);
			// A proof made for staker 1 does not register the key for staker 2, and a proof of
			// another chain (another genesis hash) proves nothing here.
			assert_noop!(
				Staking::set_umbral_key(RuntimeOrigin::signed(2), umbral_key(7), key_proof(7, 1)),
				StakingError::InvalidKeyProof
			);
			let message = umbral_key_proof_message(&2u64, &[9u8; 32]);
			let elsewhere = UmbralSignature::from_umbral(
				&umbral_pre::Signer::new(umbral_secret(7)).sign(&message),
			)
			.unwrap();
			assert_noop!(
				Staking::set_umbral_key(RuntimeOrigin::signed(2), umbral_key(7), elsewhere),
				StakingError::InvalidKeyProof
			);
			assert_ok!(set_key(2, 2, 7));
			assert_eq!(UmbralKeys::<Test>::get(2), Some(umbral_key(7)));
			assert_eq!(UmbralKeyChanges::<Test>::get(2), Some(0));
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
	use pallet_session::SessionManager;

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
			assert_eq!(held(1), 0);
			// Not elected, it holds nothing: it is gone, with its history.
			assert!(Ledger::<Test>::get(1).is_none());
			assert!(!SlashHistory::<Test>::contains_key(1));
			assert_eq!(staking_events().last(), Some(&Event::StakerRemoved { staker: 1 }));
			// A non-staker loses nothing.
			assert_eq!(
				Staking::do_slash(&1, SlashAmount::Amount(1), SlashReason::Unresponsive, None),
				0
			);
		});
	}

	#[test]
	fn an_elected_staker_slashed_to_nothing_goes_when_its_set_rotates_out() {
		ExtBuilder::default().stakers(&[(1, 100), (2, 200)]).build().execute_with(|| {
			rotate_to(1);
			rotate_to(2);
			Staking::do_slash(
				&1,
				SlashAmount::Fraction(Perbill::one()),
				SlashReason::Unresponsive,
				None,
			);
			// Still in the active and the planned set: kept, chilled, with its history.
			assert!(ledger(1).is_empty());
			assert!(!wants_to_validate(1));
			assert_eq!(SlashHistory::<Test>::get(1).len(), 1);
			assert_noop!(
				Staking::withdraw_unbonded(RuntimeOrigin::signed(1)),
				StakingError::NothingToWithdraw
			);
			// Not planned again, but still active for one more session.
			assert_eq!(rotate_to(3), Some(vec![2]));
			assert!(Ledger::<Test>::contains_key(1));
			rotate_to(4);
			assert!(!<Staking as NodeRegistry<_>>::is_active(&1));
			assert!(Ledger::<Test>::get(1).is_none());
			assert!(!SlashHistory::<Test>::contains_key(1));
			assert!(UmbralKeys::<Test>::get(1).is_none());
			assert!(staking_events().contains(&Event::StakerRemoved { staker: 1 }));
		});
	}

	/// `defensive!` panics in debug builds and logs in release builds (`scripts/test.sh`).
	#[test]
	#[cfg_attr(debug_assertions, should_panic(expected = "Defensive failure has been triggered!"))]
	fn a_slash_takes_from_the_ledger_only_what_the_hold_gave() {
		new_test_ext().execute_unchecked(|| {
			assert_ok!(Staking::bond(RuntimeOrigin::signed(1), 300));
			// Something released 100 of the hold behind the pallet's back.
			assert_ok!(<Balances as MutateHold<_>>::release(
				&RuntimeHoldReason::Staking(HoldReason::Staking),
				&1,
				100,
				Precision::Exact,
			));
			let taken =
				Staking::do_slash(&1, SlashAmount::Amount(250), SlashReason::Unresponsive, None);
			assert_eq!(taken, 200);
			assert_eq!(held(1), 0);
			assert_eq!(ledger(1).active, 100);
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
			// Reported again with a second offender: 1 pays the growth to 25% of what it held,
			// (25% - 10%) / (100% - 10%) of what it holds now.
			Staking::on_offence(
				&[offender(1), offender(2)],
				&[Perbill::from_percent(25), Perbill::from_percent(25)],
				7,
			);
			assert_eq!(ledger(1).active, 750);
			assert_eq!(ledger(2).active, 750);
			assert_eq!(SlashHistory::<Test>::get(2)[0].reason, SlashReason::Equivocation);
			// The same fraction again changes nothing.
			Staking::on_offence(&[offender(2)], &[Perbill::from_percent(25)], 7);
			assert_eq!(ledger(2).active, 750);
		});
	}

	#[test]
	fn repeated_reports_take_the_final_fraction_of_the_stake() {
		new_test_ext().execute_with(|| {
			assert_ok!(Staking::bond(RuntimeOrigin::signed(1), 1_000));
			let offender = [OffenceDetails { offender: (1, ()), reporters: vec![] }];
			// GRANDPA's fractions as four equivocators of ten arrive one by one.
			for (percent, left) in [(9, 910), (36, 640), (81, 190), (100, 0)] {
				Staking::on_offence(&offender, &[Perbill::from_percent(percent)], 3);
				assert_eq!(<Staking as NodeRegistry<_>>::stake_of(&1), left);
			}
		});
	}

	#[test]
	fn offenders_are_disabled_with_the_fraction_as_severity() {
		new_test_ext().execute_with(|| {
			assert_ok!(Staking::bond(RuntimeOrigin::signed(1), 1_000));
			let offender = |who| OffenceDetails { offender: (who, ()), reporters: vec![] };
			Staking::on_offence(&[offender(1)], &[Perbill::from_percent(10)], 7);
			assert_eq!(Disabled::get(), vec![(1, Perbill::from_percent(10))]);
			// A repeat that slashes nothing disables nothing either.
			Staking::on_offence(&[offender(1)], &[Perbill::from_percent(10)], 7);
			assert_eq!(Disabled::get().len(), 1);
			// Slashes by other pallets do not disable.
			Staking::do_slash(
				&1,
				SlashAmount::Amount(10),
				SlashReason::IncorrectReencryption,
				None,
			);
			assert_eq!(Disabled::get().len(), 1);
		});
	}

	#[test]
	fn offence_records_are_pruned_once_they_cannot_be_reported() {
		ExtBuilder::default()
			.stakers(&[(1, 1_000), (2, 1_000)])
			.build()
			.execute_with(|| {
				let offender = |who| OffenceDetails { offender: (who, ()), reporters: vec![] };
				Staking::on_offence(&[offender(1), offender(2)], &[Perbill::from_percent(1); 2], 3);
				Staking::on_offence(&[offender(1)], &[Perbill::from_percent(1)], 4);
				assert_eq!(OffenceSlashes::<Test>::iter_prefix(3).count(), 2);
				// Planning session 3 + HISTORY_DEPTH keeps the sessions from 3 on reportable...
				Staking::new_session(3 + HISTORY_DEPTH);
				assert_eq!(OffenceSlashes::<Test>::iter_prefix(3).count(), 2);
				// ...the next rotation drops session 3, then session 4.
				Staking::new_session(4 + HISTORY_DEPTH);
				assert_eq!(OffenceSlashes::<Test>::iter_prefix(3).count(), 0);
				assert_eq!(OffenceSlashes::<Test>::iter().count(), 1);
				Staking::new_session(5 + HISTORY_DEPTH);
				assert_eq!(OffenceSlashes::<Test>::iter().count(), 0);
			});
	}

	#[test]
	fn slash_history_goes_with_its_staker() {
		new_test_ext().execute_with(|| {
			assert_ok!(Staking::bond(RuntimeOrigin::signed(1), 300));
			Staking::do_slash(&1, SlashAmount::Amount(10), SlashReason::Unresponsive, None);
			assert_eq!(SlashHistory::<Test>::get(1).len(), 1);
			assert_ok!(Staking::unbond(RuntimeOrigin::signed(1), 290));
			System::set_block_number(1 + UNBONDING);
			assert_ok!(Staking::withdraw_unbonded(RuntimeOrigin::signed(1)));
			assert!(!SlashHistory::<Test>::contains_key(1));
			assert_eq!(SlashHistory::<Test>::iter().count(), 0);
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
	fn an_active_node_that_unbonds_or_chills_serves_no_new_work() {
		ExtBuilder::default().stakers(&[(1, 200), (2, 200)]).build().execute_with(|| {
			rotate_to(1);
			rotate_to(2);
			assert!(<Staking as NodeRegistry<_>>::can_serve(&1));
			assert!(!<Staking as NodeRegistry<_>>::can_serve(&3));
			assert_ok!(Staking::unbond(RuntimeOrigin::signed(1), 200));
			assert_ok!(Staking::chill(RuntimeOrigin::signed(2)));
			for who in [1, 2] {
				assert!(<Staking as NodeRegistry<_>>::is_active(&who));
				assert!(!<Staking as NodeRegistry<_>>::can_serve(&who));
			}
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

mod invariants {
	use super::*;

	/// Runs `breakage` on a chain with stakers 1 and 2 (both active) and returns what the
	/// invariant check says.
	fn check_after(breakage: impl FnOnce()) -> Result<(), DispatchError> {
		ExtBuilder::default()
			.stakers(&[(1, 100), (2, 200)])
			.build()
			.execute_unchecked(|| {
				rotate_to(1);
				rotate_to(2);
				assert_eq!(Staking::do_try_state(), Ok(()));
				breakage();
				Staking::do_try_state()
			})
	}

	#[test]
	fn a_hold_that_differs_from_its_ledger_is_caught() {
		let extra_hold = || {
			assert_ok!(<Balances as MutateHold<_>>::hold(
				&RuntimeHoldReason::Staking(HoldReason::Staking),
				&1,
				5
			));
		};
		assert_eq!(
			check_after(extra_hold),
			Err("a staker's hold differs from its ledger's total".into())
		);
	}

	#[test]
	fn unordered_or_empty_chunks_are_caught() {
		let unordered = || {
			Ledger::<Test>::mutate(2, |ledger| {
				let ledger = ledger.as_mut().expect("a staker");
				assert_eq!(ledger.unbond(10, 20), Ok(()));
				assert_eq!(ledger.unbond(10, 15), Ok(()));
			});
		};
		assert_eq!(
			check_after(unordered),
			Err("unlocking chunks are not in strictly increasing block order".into())
		);
		let empty = || {
			Ledger::<Test>::mutate(2, |ledger| {
				assert_eq!(ledger.as_mut().expect("a staker").unbond(0, 20), Ok(()));
			});
		};
		assert_eq!(check_after(empty), Err("an unlocking chunk is empty".into()));
	}

	#[test]
	fn umbral_maps_that_are_not_inverse_are_caught() {
		assert_eq!(
			check_after(|| UmbralKeyOwners::<Test>::insert(umbral_key(9), 1)),
			Err("an Umbral key owner entry has no matching key".into())
		);
		assert_eq!(
			check_after(|| UmbralKeyOwners::<Test>::remove(umbral_key(1))),
			Err("an Umbral key's owner entry is missing or names another staker".into())
		);
		assert_eq!(
			check_after(|| UmbralKeys::<Test>::insert(7, umbral_key(7))),
			Err("an Umbral key outlived its staker".into())
		);
	}

	#[test]
	fn a_broken_candidate_list_is_caught() {
		assert_eq!(
			check_after(|| Candidates::<Test>::mutate(|list| list.as_mut().reverse())),
			Err("the candidate list is not strictly in rank order".into())
		);
		assert_eq!(
			check_after(|| Candidates::<Test>::mutate(|list| {
				let first = list[0];
				assert_ok!(list.try_push(first));
			})),
			Err("the candidate list is not strictly in rank order".into())
		);
		assert_eq!(
			check_after(|| Candidates::<Test>::mutate(|list| list[1].1 = 150)),
			Err("a candidate is listed with stale stake".into())
		);
		assert_eq!(
			check_after(|| Candidates::<Test>::mutate(|list| list.try_push((7, 1)).unwrap())),
			Err("a candidate is not a staker".into())
		);
		assert_eq!(
			check_after(|| Ledger::<Test>::mutate(1, |ledger| {
				ledger.as_mut().expect("a staker").wants_to_validate = false
			})),
			Err("a candidate does not want to validate".into())
		);
	}

	#[test]
	fn node_sets_outside_the_stakers_are_caught() {
		let stranger_active = || {
			ActiveNodes::<Test>::mutate(|set| set.try_push((7, 100)).unwrap());
			ActiveStake::<Test>::insert(7, 100);
		};
		assert_eq!(check_after(stranger_active), Err("an elected node is not a staker".into()));
		assert_eq!(
			check_after(|| PlannedNodes::<Test>::mutate(|set| set.try_push((7, 1)).unwrap())),
			Err("an elected node is not a staker".into())
		);
		assert_eq!(
			check_after(|| ActiveStake::<Test>::remove(1)),
			Err("an active node is missing from ActiveStake".into())
		);
		assert_eq!(
			check_after(|| ActiveStake::<Test>::insert(7, 1)),
			Err("ActiveStake holds nodes that are not active".into())
		);
	}

	#[test]
	fn a_slash_history_without_a_staker_is_caught() {
		let orphan = || {
			SlashHistory::<Test>::mutate(7, |history| {
				history
					.try_push(SlashRecord {
						at: 1,
						amount: 1,
						reason: SlashReason::Unresponsive,
						reporter: None,
						reporter_reward: 0,
					})
					.unwrap()
			})
		};
		assert_eq!(check_after(orphan), Err("a slash history outlived its staker".into()));
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
		assert_eq!(ledger.unbond(10, 7), Err(ChunksFull));
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
