CREATE TABLE order_lines (order_id BIGINT NOT NULL REFERENCES orders (id), line INT NOT NULL, item VARCHAR(100),
    PRIMARY KEY (order_id, line));
INSERT INTO orders VALUES (1, 'first customer', 10.50);
