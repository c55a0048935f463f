"""Demo content written in French from the five public source texts the portal was designed
from (CdP of Ségou, VBG steering committee, She Leads in Crisis, UNDP/CRSS workshops for the
CCS, Kafamuya). People appear only by their public function, never by name."""
