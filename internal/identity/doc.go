// Package identity is the domain of who is who on the platform: the
// municipal group's organization units (the group, its förvaltningar, its
// bolag and their avdelningar), staff users with roles per unit, residents
// identified by e-ID or a verified e-mail address, and the pure permission
// rules that decide what a principal may do where.
//
// It depends on the standard library and package sprang only. Validation
// failures are *sprang.Error values of kind Invalid whose Message and Fields
// hold message keys (see Messages for their Swedish and English texts).
package identity
