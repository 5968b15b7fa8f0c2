package pdf

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math/bits"
	"slices"

	"golang.org/x/image/font/sfnt"
)

// keptTables are the TrueType tables a subset keeps: those PDF requires of
// an embedded TrueType program, plus cmap, OS/2, name and post (without
// glyph names) that some renderers look for. The others (gasp …) are dropped.
var keptTables = []string{"OS/2", "cmap", "cvt ", "fpgm", "glyf", "head", "hhea", "hmtx", "loca", "maxp", "name", "post", "prep"}

var errFont = errors.New("malformed TrueType font")

var be = binary.BigEndian

// subset returns a copy of the TrueType font ttf in which every glyph but
// the given ones (and the components they are built from) is empty. Glyph
// numbers stay the same, so the font's cmap and widths stay right.
func subset(ttf []byte, glyphs []sfnt.GlyphIndex) ([]byte, error) {
	tables, err := readTables(ttf)
	if err != nil {
		return nil, err
	}
	head, loca, glyf := tables["head"], tables["loca"], tables["glyf"]
	if len(head) < 54 || glyf == nil || loca == nil {
		return nil, errFont
	}
	long := be.Uint16(head[50:]) == 1
	entry := func(i int) (int, bool) {
		if long {
			if 4*i+4 > len(loca) {
				return 0, false
			}
			return int(be.Uint32(loca[4*i:])), true
		}
		if 2*i+2 > len(loca) {
			return 0, false
		}
		return 2 * int(be.Uint16(loca[2*i:])), true
	}
	glyph := func(g int) ([]byte, error) {
		start, ok1 := entry(g)
		end, ok2 := entry(g + 1)
		if !ok1 || !ok2 || start > end || end > len(glyf) {
			return nil, fmt.Errorf("%w: glyph %d out of range", errFont, g)
		}
		return glyf[start:end], nil
	}
	n := len(loca)/2 - 1
	if long {
		n = len(loca)/4 - 1
	}
	keep := make([]bool, n)
	todo := slices.Clone(glyphs)
	for len(todo) > 0 {
		g := int(todo[len(todo)-1])
		todo = todo[:len(todo)-1]
		if g >= n || keep[g] {
			continue
		}
		keep[g] = true
		data, err := glyph(g)
		if err != nil {
			return nil, err
		}
		todo = append(todo, components(data)...)
	}
	var newGlyf []byte
	newLoca := make([]byte, 4*(n+1))
	for g := range n {
		be.PutUint32(newLoca[4*g:], uint32(len(newGlyf)))
		if keep[g] {
			data, _ := glyph(g) // checked above
			newGlyf = append(newGlyf, data...)
			for len(newGlyf)%4 != 0 {
				newGlyf = append(newGlyf, 0)
			}
		}
	}
	be.PutUint32(newLoca[4*n:], uint32(len(newGlyf)))
	newHead := slices.Clone(head)
	be.PutUint16(newHead[50:], 1) // long loca offsets
	be.PutUint32(newHead[8:], 0)  // checkSumAdjustment, set below
	tables["head"], tables["loca"], tables["glyf"] = newHead, newLoca, newGlyf
	if post := tables["post"]; len(post) >= 32 {
		// Version 3 of post has no glyph names: the cmap maps the characters.
		tables["post"] = append([]byte{0, 3, 0, 0}, post[4:32]...)
	}
	return buildFont(tables), nil
}

// components returns the glyphs a composite glyph is built from.
func components(data []byte) []sfnt.GlyphIndex {
	if len(data) < 10 || int16(be.Uint16(data)) >= 0 {
		return nil // empty or a simple glyph
	}
	var out []sfnt.GlyphIndex
	for p := 10; p+4 <= len(data); {
		flags := be.Uint16(data[p:])
		out = append(out, sfnt.GlyphIndex(be.Uint16(data[p+2:])))
		p += 4 + 2 // flags, glyph and two one-byte arguments
		if flags&0x0001 != 0 {
			p += 2 // the arguments are words
		}
		switch {
		case flags&0x0008 != 0:
			p += 2 // one scale
		case flags&0x0040 != 0:
			p += 4 // x and y scale
		case flags&0x0080 != 0:
			p += 8 // a two by two matrix
		}
		if flags&0x0020 == 0 {
			break // no more components
		}
	}
	return out
}

// readTables returns the kept tables of a TrueType font by tag.
func readTables(ttf []byte) (map[string][]byte, error) {
	if len(ttf) < 12 {
		return nil, errFont
	}
	tables := map[string][]byte{}
	for i := range int(be.Uint16(ttf[4:])) {
		rec := 12 + 16*i
		if rec+16 > len(ttf) {
			return nil, errFont
		}
		tag := string(ttf[rec : rec+4])
		off, size := int(be.Uint32(ttf[rec+8:])), int(be.Uint32(ttf[rec+12:]))
		if off < 0 || size < 0 || off+size > len(ttf) {
			return nil, fmt.Errorf("%w: table %q out of range", errFont, tag)
		}
		if slices.Contains(keptTables, tag) {
			tables[tag] = ttf[off : off+size]
		}
	}
	return tables, nil
}

// buildFont writes tables as a TrueType font with a fresh table directory
// and checksums.
func buildFont(tables map[string][]byte) []byte {
	tags := make([]string, 0, len(tables))
	for t := range tables {
		tags = append(tags, t)
	}
	slices.Sort(tags) // the directory is sorted by tag
	num := len(tags)
	pow := 1
	for pow*2 <= num {
		pow *= 2
	}
	out := make([]byte, 12+16*num)
	be.PutUint32(out, 0x00010000)
	be.PutUint16(out[4:], uint16(num))
	be.PutUint16(out[6:], uint16(pow*16))
	be.PutUint16(out[8:], uint16(bits.Len(uint(pow))-1))
	be.PutUint16(out[10:], uint16(num*16-pow*16))
	headAt := 0
	for i, t := range tags {
		rec := out[12+16*i:]
		copy(rec, t)
		be.PutUint32(rec[4:], checksum(tables[t]))
		be.PutUint32(rec[8:], uint32(len(out)))
		be.PutUint32(rec[12:], uint32(len(tables[t])))
		if t == "head" {
			headAt = len(out)
		}
		out = append(out, tables[t]...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	be.PutUint32(out[headAt+8:], 0xB1B0AFBA-checksum(out))
	return out
}

// checksum is the TrueType table checksum: the sum of big-endian words.
func checksum(b []byte) uint32 {
	var sum uint32
	for i := 0; i < len(b); i += 4 {
		var w [4]byte
		copy(w[:], b[i:])
		sum += be.Uint32(w[:])
	}
	return sum
}
