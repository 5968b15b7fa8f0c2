package audit_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"sprang"
	"sprang/internal/audit"
)

func validEntry() audit.Entry {
	return audit.Entry{ActorKind: audit.Staff, ActorID: 7, ActorName: "anna.admin",
		Action: audit.RoleGranted, ObjectType: "user", ObjectID: "12", Detail: "role=admin"}
}

func TestValidate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		modify func(*audit.Entry)
		field  string // "" = valid
	}{
		{"valid", func(*audit.Entry) {}, ""},
		{"system without id", func(e *audit.Entry) { e.ActorKind, e.ActorID = audit.System, 0 }, ""},
		{"anonymous failure", func(e *audit.Entry) { e.ActorKind, e.ActorID, e.Action = audit.Anonymous, 0, audit.LoginFailure }, ""},
		{"module action", func(e *audit.Entry) { e.Action = "errand.status_changed" }, ""},
		{"swedish detail", func(e *audit.Entry) { e.Detail = "enhet: Förskoleförvaltningen" }, ""},
		{"case number", func(e *audit.Entry) { e.Reason, e.Action = "ärende 2024-1234", audit.PersonalDataRead }, ""},
		{"no action", func(e *audit.Entry) { e.Action = "" }, "action"},
		{"bad action", func(e *audit.Entry) { e.Action = "Login Success" }, "action"},
		{"action dot end", func(e *audit.Entry) { e.Action = "login." }, "action"},
		{"long action", func(e *audit.Entry) { e.Action = audit.Action(strings.Repeat("a", 65)) }, "action"},
		{"unknown kind", func(e *audit.Entry) { e.ActorKind = "robot" }, "actor_kind"},
		{"empty kind", func(e *audit.Entry) { e.ActorKind = "" }, "actor_kind"},
		{"staff without id", func(e *audit.Entry) { e.ActorID = 0 }, "actor_id"},
		{"negative resident", func(e *audit.Entry) { e.ResidentID = -1 }, "resident_id"},
		{"read without reason", func(e *audit.Entry) { e.Action = audit.PersonalDataRead }, "reason"},
		{"read blank reason", func(e *audit.Entry) { e.Action, e.Reason = audit.PersonalDataRead, "  " }, "reason"},
		{"personnummer in detail", func(e *audit.Entry) { e.Detail = "pnr 19121212-1212" }, "detail"},
		{"short personnummer", func(e *audit.Entry) { e.Detail = "x 121212-1212" }, "detail"},
		{"plain personnummer", func(e *audit.Entry) { e.Reason = "191212121212" }, "reason"},
		{"e-mail as name", func(e *audit.Entry) { e.ActorName = "anna@example.se" }, "actor_name"},
		{"control char", func(e *audit.Entry) { e.Detail = "a\nb" }, "detail"},
		{"nul", func(e *audit.Entry) { e.ObjectID = "1\x00" }, "object_id"},
		{"invalid utf-8", func(e *audit.Entry) { e.ObjectType = "\xff" }, "object_type"},
		{"detail too long", func(e *audit.Entry) { e.Detail = strings.Repeat("x", 501) }, "detail"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := validEntry()
			tt.modify(&e)
			err := e.Validate()
			if tt.field == "" {
				if err != nil {
					t.Fatalf("Validate() = %v, want nil", err)
				}
				return
			}
			if sprang.ErrorKind(err) != sprang.Invalid {
				t.Fatalf("Validate() = %v, want Invalid", err)
			}
			if _, ok := sprang.ErrorFields(err)[tt.field]; !ok {
				t.Errorf("Validate() fields = %v, want %q", sprang.ErrorFields(err), tt.field)
			}
		})
	}
}

// FuzzValidate checks that Validate never panics and that whatever it
// accepts is storable text on both engines.
func FuzzValidate(f *testing.F) {
	f.Add("login.success", "admin", "user", "1", "", "note")
	f.Add("personaldata.read", "x", "resident", "2", "19121212-1212", "a@b.se")
	f.Fuzz(func(t *testing.T, action, name, objType, objID, reason, detail string) {
		e := audit.Entry{ActorKind: audit.System, Action: audit.Action(action), ActorName: name,
			ObjectType: objType, ObjectID: objID, Reason: reason, Detail: detail}
		if e.Validate() != nil {
			return
		}
		for _, s := range []string{action, name, objType, objID, reason, detail} {
			if strings.ContainsRune(s, 0) || !utf8.ValidString(s) {
				t.Fatalf("accepted unstorable text %q", s)
			}
		}
	})
}
