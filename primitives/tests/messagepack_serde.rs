//! How `messagepack-serde` 0.2 behaves on hostile input, with an allocator that records the
//! largest single allocation. (Our decoders check the exact layout before calling it, so it
//! only ever sees well-formed Umbral-shaped input; these tests pin down why that matters.)

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use serde::de::IgnoredAny;
use umbral_pre::{Capsule, CapsuleFrag, KeyFrag};

struct Recording;

static LARGEST: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Recording {
	unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
		LARGEST.fetch_max(layout.size(), Ordering::Relaxed);
		unsafe { System.alloc(layout) }
	}
	unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
		unsafe { System.dealloc(ptr, layout) }
	}
	unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
		LARGEST.fetch_max(new_size, Ordering::Relaxed);
		unsafe { System.realloc(ptr, layout, new_size) }
	}
}

#[global_allocator]
static ALLOCATOR: Recording = Recording;

/// The largest single allocation while `f` runs. One test function only, so nothing
/// else allocates concurrently.
fn largest_allocation(f: impl FnOnce()) -> usize {
	LARGEST.store(0, Ordering::Relaxed);
	f();
	LARGEST.load(Ordering::Relaxed)
}

const KIB: usize = 1024;

#[test]
fn hostile_headers() {
	// Huge declared lengths with a few bytes behind them.
	let bin32 = [0xc6, 0xff, 0xff, 0xff, 0xff, 1, 2, 3];
	let str32 = [0xdb, 0xff, 0xff, 0xff, 0xff, b'a'];
	let ext32 = [0xc9, 0xff, 0xff, 0xff, 0xff, 1, 2];
	let array32 = [0xdd, 0xff, 0xff, 0xff, 0xff, 0xc4, 0x01, 0x00];
	let map32 = [0xdf, 0xff, 0xff, 0xff, 0xff, 0xa1, b'a', 0x00];
	for input in [&bin32[..], &str32, &ext32, &array32, &map32] {
		let largest = largest_allocation(|| {
			assert!(messagepack_serde::from_slice::<IgnoredAny>(input).is_err());
			assert!(messagepack_serde::from_slice::<&[u8]>(input).is_err());
			assert!(messagepack_serde::from_slice::<Capsule>(input).is_err());
			assert!(messagepack_serde::from_slice::<CapsuleFrag>(input).is_err());
			assert!(messagepack_serde::from_slice::<KeyFrag>(input).is_err());
		});
		assert!(largest < 4 * KIB, "{input:x?}: {largest} bytes");
	}

	// serde's `Vec` trusts the declared length up to its "cautious" cap of 1 MiB: eight
	// bytes of input make one allocation of 1 MiB. (No Umbral type has such a field.)
	let largest = largest_allocation(|| {
		assert!(messagepack_serde::from_slice::<Vec<u8>>(&array32[..5]).is_err());
	});
	assert_eq!(largest, 1024 * KIB);

	// Nesting is limited to 256 levels, without overflowing the stack.
	let deep = vec![0x91u8; 100_000];
	assert!(matches!(
		messagepack_serde::from_slice::<IgnoredAny>(&deep),
		Err(messagepack_serde::de::Error::RecursionLimitExceeded)
	));

	// `from_slice` ignores trailing bytes: our decoders check for them themselves.
	assert_eq!(messagepack_serde::from_slice::<bool>(&[0xc3, 0xff, 0xff]), Ok(true));
}
