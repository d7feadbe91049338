package admintest

import (
	"sync"
	"time"
)

// clock is the server's notion of the current time: the system clock, the
// function of WithClock, or a frozen instant set by SetNow and Advance.
type clock struct {
	mu     sync.Mutex
	base   func() time.Time
	frozen bool
	at     time.Time
}

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.nowLocked()
}

func (c *clock) nowLocked() time.Time {
	if c.frozen {
		return c.at
	}
	if c.base != nil {
		return c.base().UTC()
	}
	return time.Now().UTC()
}

// Now returns the server's current time (UTC). Invite expiry, API key
// expiry, report end times and the timestamps of created objects use it.
func (s *Server) Now() time.Time { return s.clock.now() }

// SetNow freezes the server's clock at t. The clock then moves only with
// SetNow and [Server.Advance].
func (s *Server) SetNow(t time.Time) {
	s.clock.mu.Lock()
	defer s.clock.mu.Unlock()
	s.clock.frozen, s.clock.at = true, t.UTC()
}

// Advance moves the server's clock forward by d and freezes it there.
func (s *Server) Advance(d time.Duration) {
	s.clock.mu.Lock()
	defer s.clock.mu.Unlock()
	s.clock.at = s.clock.nowLocked().Add(d)
	s.clock.frozen = true
}
