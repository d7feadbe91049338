package admintest

import (
	"sync/atomic"
)

// base58 is the Bitcoin base58 alphabet. Its characters are in ascending
// ASCII order, so fixed-width base58 numbers sort like the numbers.
const base58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"

const (
	idSeqChars  = 10 // fixed-width sequence part: sorts in creation order
	idTailChars = 14 // seeded pseudo-random part
)

// idGen makes IDs shaped like the real ones: a prefix, "01", then 24 base58
// characters. The first ten encode a per-server sequence number (offset by
// a seeded base so IDs do not all start with "1111"), so IDs sort in
// creation order; the last fourteen are a hash of the seed and the number.
// The same seed and the same order of creation give the same IDs.
type idGen struct {
	seed uint64
	base uint64
	seq  atomic.Uint64
}

func newIDGen(seed uint64) *idGen {
	pow := uint64(1)
	for range idSeqChars - 1 {
		pow *= 58
	}
	// First character between 'B' and 'i': varied, and leaves room for
	// more than 10^17 IDs before the width overflows.
	first := 10 + splitmix(seed^0x9e3779b97f4a7c15)%30
	return &idGen{seed: seed, base: first*pow + splitmix(seed)%pow}
}

// next returns a new ID with the given prefix (such as "user").
func (g *idGen) next(prefix string) string {
	n := g.seq.Add(1)
	// A buffer on the stack for the usual prefixes: only the string
	// returned is allocated.
	var buf [64]byte
	b := buf[:0]
	b = append(b, prefix...)
	b = append(b, "_01"...)
	var seqPart [idSeqChars]byte
	v := g.base + n
	for i := idSeqChars - 1; i >= 0; i-- {
		seqPart[i] = base58[v%58]
		v /= 58
	}
	b = append(b, seqPart[:]...)
	h0 := splitmix(g.seed ^ n*0xbf58476d1ce4e5b9)
	h := h0
	for i := range idTailChars {
		if i == 10 { // 58^10 < 2^64 < 58^11: take the last four from a second hash
			h = splitmix(h0 ^ 0x94d049bb133111eb)
		}
		b = append(b, base58[h%58])
		h /= 58
	}
	return string(b)
}

// splitmix is the SplitMix64 finalizer: a cheap, well-mixed hash.
func splitmix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}
