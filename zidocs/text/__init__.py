"""Text rules of the domain: markup (*italics*), Indonesian dates, target waktu. Pure; imports no other zidocs layer."""
