package store

import (
	"fmt"

	"sprang"
	"sprang/internal/secret"
)

// WithBox returns a DB on the same connection pools that encrypts personal
// data with box (user e-mail addresses and TOTP secrets, residents'
// personnummer, e-mail addresses and names) and finds residents by box's
// lookup hashes. Methods that touch such data return an Internal error on
// a DB without a box (empty values need none). Closing either DB closes
// the shared pools.
func (db *DB) WithBox(box *secret.Box) *DB {
	c := *db
	c.box = box
	return &c
}

// seal encrypts a personal value bound to ad (table.column and the row's
// key); an empty value is stored as NULL.
func (db *DB) seal(value, ad string) ([]byte, error) {
	if value == "" {
		return nil, nil
	}
	if db.box == nil {
		return nil, errNoBox()
	}
	return db.box.Seal([]byte(value), []byte(ad)), nil
}

// open decrypts what seal made; NULL gives "".
func (db *DB) open(sealed []byte, ad string) (string, error) {
	if sealed == nil {
		return "", nil
	}
	if db.box == nil {
		return "", errNoBox()
	}
	b, err := db.box.Open(sealed, []byte(ad))
	if err != nil {
		return "", fmt.Errorf("decrypt %s: %w", ad, err)
	}
	return string(b), nil
}

// lookup returns the keyed lookup hash of a personal value.
func (db *DB) lookup(kind, value string) (string, error) {
	if db.box == nil {
		return "", errNoBox()
	}
	return db.box.Lookup(kind, value), nil
}

// errNoBox is the error of a DB without a box.
func errNoBox() error {
	return &sprang.Error{Kind: sprang.Internal, Message: "store has no secret box: call WithBox"}
}

// Box returns the encryption box given with WithBox, or nil.
func (db *DB) Box() *secret.Box { return db.box }
