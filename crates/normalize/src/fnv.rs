//! FNV-1a, 64 bits: a fast hash of short keys that never changes between
//! versions or runs. The stopword sets use it (they are fixed, so hash
//! flooding is not a concern), and so do the near-duplicate signatures
//! stored in indexes (`fihris-search`'s minhash), which must hash a word the
//! same way in every version.

use std::hash::Hasher;

const OFFSET_BASIS: u64 = 0xcbf2_9ce4_8422_2325;
const PRIME: u64 = 0x0000_0100_0000_01b3;

/// The FNV-1a hash of `bytes`.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    continue_from(OFFSET_BASIS, bytes)
}

fn continue_from(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(PRIME);
    }
    h
}

/// FNV-1a as a [`Hasher`], for hash sets of short keys.
#[derive(Default)]
pub struct Fnv(Option<u64>);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0.unwrap_or(OFFSET_BASIS)
    }

    fn write(&mut self, bytes: &[u8]) {
        self.0 = Some(continue_from(self.0.unwrap_or(OFFSET_BASIS), bytes));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Published FNV-1a 64 test vectors.
    #[test]
    fn known_values() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn hasher_writes_continue_the_hash() {
        let mut h = Fnv::default();
        h.write(b"foo");
        h.write(b"bar");
        assert_eq!(h.finish(), fnv1a(b"foobar"));
    }
}
